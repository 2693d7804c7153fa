import sys
from pathlib import Path

# The SDK lives in clients/python (the generated leadiosa_client and the hand-written leadiosa layer).
SDK = Path(__file__).resolve().parents[2] / "clients" / "python"
if str(SDK) not in sys.path:
    sys.path.insert(0, str(SDK))
