"""Child process of the archive benchmark: build one archive of one workspace, report time and peak RSS.

Runs alone in its own process so that its peak resident set size is the archive build's and nothing
else's. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0), so the peak measured is the build's own."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def main(workspace_id: str) -> None:
    import django

    django.setup()
    from django.core.files.storage import default_storage

    from apps.workspaces.lifecycle import archive_build
    from apps.workspaces.models import WorkspaceArchive
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    setup_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline_rss = status_mb("VmRSS")
    peak_reset = reset_peak()
    archive = WorkspaceArchive.all_workspaces.create(workspace_id=workspace_id, reason="benchmark")
    started = time.monotonic()
    with acting_as(SYSTEM), with_workspace(workspace_id):
        archive = archive_build(workspace_id=workspace_id, archive_id=archive.pk)
    elapsed = time.monotonic() - started
    process_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    build_peak = status_mb("VmHWM") if peak_reset else process_peak
    result = {
        "status": archive.status,
        "seconds": round(elapsed, 2),
        "peak_rss_mb": round(process_peak, 1),  # the whole process's life, Django start-up included
        "build_peak_rss_mb": round(build_peak, 1),  # from just before the build to its end
        "rss_before_build_mb": round(baseline_rss, 1),
        "setup_peak_rss_mb": round(setup_peak, 1),
        "size_bytes": archive.size_bytes,
        "counts": archive.counts,
    }
    if archive.file_name:
        default_storage.delete(archive.file_name)
    WorkspaceArchive.all_workspaces.filter(pk=archive.pk).delete()
    print(json.dumps(result))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    main(sys.argv[1])
