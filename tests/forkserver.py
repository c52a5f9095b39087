"""A Python with MkDocs, pydantic, Pillow and bkm_site imported once, that runs each of the tests' commands
(``-m mkdocs build ...``, ``-m bkm_site check ...``) in a process forked for it: a process of its own, with its
own working directory, environment, arguments, output and exit code, as ``python -m`` gives, without a second
of imports each time. Started by conftest's ``run_python`` (Linux only); not a test module.

Protocol, one JSON line each way: a request ``{"argv", "cwd", "env", "stdout", "stderr"}`` (paths of files for
the output; the same path twice merges them), answered by ``{"pid"}`` once forked and ``{"code"}`` at the end.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "mkdocs.structure.pages",
    "mkdocs.utils.yaml",
    "markdown",
    "jinja2",
    "pymdownx.superfences",
    "pydantic",
    "babel.numbers",
    "babel.dates",
    "PIL.Image",
    "bkm_site.cli",
    "bkm_site.plugin",
    "bkm_site.core.loading",
)
"""What every command imports. Not Material's templates package: it prints the MkDocs 2 notice on import, which
depends on the command's environment, so each command imports it itself."""


def _exit_code(code) -> int:
    """What Python's own exit does with ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run(request: dict) -> int:
    import atexit
    import runpy
    import traceback

    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = out if request["stderr"] == request["stdout"] else os.open(request["stderr"], os.O_WRONLY | os.O_CREAT)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - the process's stdin until it exits
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    flag, module, *args = request["argv"]
    assert flag == "-m", request["argv"]
    sys.argv = [module, *args]
    sys.path[0] = os.getcwd()  # as `python -m` puts it
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exit:
        code = _exit_code(exit.code)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        if "threading" in sys.modules:
            sys.modules["threading"]._shutdown()  # joins the threads left running, as the interpreter's exit does
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        code = code or 120
    return code


def main() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    assert "material.templates" not in sys.modules, "Material's templates package must be imported per command"
    answers = sys.stdout
    answers.write('{"ready": true}\n')
    answers.flush()
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = requests.read(65536)
            if not chunk:
                return
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        request = json.loads(line)
        answers.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_run(request))
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
