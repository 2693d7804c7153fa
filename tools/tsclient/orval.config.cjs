// orval (a second, independent generator) builds a fetch-based TypeScript client from the served spec.
module.exports = {
  leadiosa: {
    input: { target: "../../.data/openapi.json" },
    output: {
      target: "../../.data/tsclient/leadiosa.ts",
      schemas: "../../.data/tsclient/model",
      client: "fetch",
      mode: "split",
      baseUrl: "",
    },
  },
};
