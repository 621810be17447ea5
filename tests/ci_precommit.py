#!/usr/bin/env python3
"""The pre-commit hook of .pre-commit-hooks.yaml, run the way pre-commit runs
it, on a translation repository laid out as the Hugging Face blog
(NAME.md + zh/NAME.md, from ../shared/corpus/hfblog, as tests/cli_repo.sh)
whose .enface.ini holds the layout.

Without --real the run is emulated: the staged files are filtered by the
hook's files/exclude/types/types_or (pre-commit's identify tags when the
module is there, else by extension), and `entry args... files...` runs
once (require_serial) from the repository's root, as pre-commit does, with
no file: not run.  With --real, Debian's pre-commit itself runs the hook
(`pre-commit try-repo` on a git repository holding the hook file, offline),
skipped (exit 77) when pre-commit or git is not installed.

The cases: a staged translation with findings fails (exit 1, its pair
checked), a staged original whose pair is clean passes, files that are not
Markdown or HTML are not passed, both sides and another page checked as
two pairs, a swapped pair is refused in one line (exit 2), and no staged
document skips the hook.

usage: ci_precommit.py ENFACE ROOT [--real]
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

E, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
REAL = "--real" in sys.argv[3:]
SHARED = os.path.join(ROOT, "..", "shared")
HOOKS = os.path.join(ROOT, ".pre-commit-hooks.yaml")
fails = 0


def ok(desc):
    print("ok   " + desc)


def bad(desc):
    global fails
    fails += 1
    print("FAIL " + desc)


def load_hooks():
    try:
        import yaml
    except ImportError:
        return None
    with open(HOOKS) as f:
        return yaml.safe_load(f)


def tags(path):
    """pre-commit's file tags (identify), or the two this hook can use."""
    try:
        from identify import identify
        return identify.tags_from_path(path)
    except ImportError:
        ext = os.path.splitext(path)[1].lower()
        t = {"file", "text"}
        if ext in (".md", ".markdown", ".mdown", ".mkd", ".mkdn"):
            t.add("markdown")
        elif ext in (".html", ".htm", ".xhtml"):
            t.add("html")
        return t


def selected(hook, repo, staged):
    """The staged files pre-commit would pass to the hook."""
    out = []
    files_re = re.compile(hook.get("files", ""))
    exclude_re = re.compile(hook.get("exclude", "^$"))
    for f in staged:
        t = tags(os.path.join(repo, f))
        if not files_re.search(f) or exclude_re.search(f):
            continue
        if not set(hook.get("types", ["file"])) <= t:
            continue
        if hook.get("types_or") and not set(hook["types_or"]) & t:
            continue
        if set(hook.get("exclude_types", [])) & t:
            continue
        out.append(f)
    return out


def emulate(hook, repo, staged, env):
    """(ran, exit status, output) of the hook on the staged files."""
    files = selected(hook, repo, staged)
    if not files:
        return False, 0, ""
    argv = shlex.split(hook["entry"]) + list(hook.get("args", []))
    if hook.get("pass_filenames", True):
        argv += files
    p = subprocess.run(argv, cwd=repo, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return True, p.returncode, p.stdout


def real(hook_repo, repo, staged, env):
    """(ran, exit status, output) of pre-commit try-repo on the staged files."""
    git = ["git", "-C", repo]
    subprocess.run(git + ["reset", "-q"], check=True, env=env)
    if staged:
        subprocess.run(git + ["add", "--"] + staged, check=True, env=env)
    p = subprocess.run(["pre-commit", "try-repo", "--verbose", hook_repo, "enface-check"], cwd=repo, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ran = "(no files to check)" not in p.stdout
    # pre-commit exits 1 for any failing hook and prints the hook's status
    m = re.search(r"^- exit code: (\d+)$", p.stdout, re.M)
    return ran, int(m.group(1)) if m and p.returncode == 1 else p.returncode, p.stdout


def main():
    if not os.path.isdir(os.path.join(SHARED, "corpus", "hfblog")):
        print("skip: ../shared/corpus/hfblog is absent")
        return 77
    if REAL and not (shutil.which("pre-commit") and shutil.which("git")):
        print("skip: pre-commit or git is not installed (Debian packages pre-commit, git; "
              "tools/setup --test)")
        return 77
    hooks = load_hooks()
    if hooks is None:
        print("skip: python3-yaml is missing (tools/setup --test); tests/ci_files.py checks "
              "the file without it")
        return 77
    hook = next((h for h in hooks if h.get("id") == "enface-check"), None)
    if not hook:
        bad(".pre-commit-hooks.yaml has no enface-check hook")
        return 1
    tmp = tempfile.mkdtemp()
    try:
        return run_cases(hook, tmp)
    finally:
        shutil.rmtree(tmp)


def run_cases(hook, tmp):
    repo = os.path.join(tmp, "blog")
    os.makedirs(os.path.join(repo, "zh"))
    hf = os.path.join(SHARED, "corpus", "hfblog")
    for name in ("chat-templates", "3d-assets"):
        shutil.copy(os.path.join(hf, name, "en.md"), os.path.join(repo, name + ".md"))
        shutil.copy(os.path.join(hf, name, "zh.md"), os.path.join(repo, "zh", name + ".md"))
    files = {
        "ok.md": "# Hello\n\nThe cat sleeps on the mat.\n",
        "zh/ok.md": "# 你好\n\n猫睡在垫子上。\n",
        "swapped.md": "# 你好\n\n猫睡在垫子上。\n",
        "zh/swapped.md": "# Hello\n\nThe cat sleeps on the mat.\n",
        "notes.txt": "not a document\n",
        "logo.png": "\x89PNG\r\n",
        ".enface.ini": "[pairs]\nen = {name}.md\nzh = zh/{name}.md\n[check]\nfail-on = error\n",
    }
    for f, text in files.items():
        with open(os.path.join(repo, f), "w") as out:
            out.write(text)
    env = dict(os.environ, NO_COLOR="1", PRE_COMMIT_HOME=os.path.join(tmp, "cache"),
               PATH=os.path.dirname(E) + os.pathsep + os.environ.get("PATH", ""),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
               GIT_CONFIG_NOSYSTEM="1", HOME=tmp)
    if shutil.which(shlex.split(hook["entry"])[0], path=env["PATH"]) != E:
        bad("the hook's entry %r is not this build's enface" % hook["entry"])
    if REAL:
        hook_repo = os.path.join(tmp, "hooks")
        os.makedirs(hook_repo)
        shutil.copy(HOOKS, hook_repo)
        for argv in (["init", "-q"], ["add", ".pre-commit-hooks.yaml"], ["commit", "-qm", "hooks"]):
            subprocess.run(["git", "-C", hook_repo] + argv, check=True, env=env)
        subprocess.run(["git", "-C", repo, "init", "-q"], check=True, env=env)
        subprocess.run(["git", "-C", repo, "add", "."], check=True, env=env)
        subprocess.run(["git", "-C", repo, "commit", "-qm", "blog"], check=True, env=env)
        for f in list(files) + ["chat-templates.md", "zh/chat-templates.md", "3d-assets.md"]:
            if f.endswith(".md") or f.endswith(".txt"):
                with open(os.path.join(repo, f), "a") as out:
                    out.write("\n")   # a change, so that each can be staged
        run = lambda staged: real(hook_repo, repo, staged, env)
        how = "pre-commit"
    else:
        run = lambda staged: emulate(hook, repo, staged, env)
        how = "emulated"

    def case(desc, staged, want, pattern):
        ran, rc, out = run(staged)
        if want is None:
            (ok if not ran else bad)("%s: %s%s" % (how, desc, "" if not ran else ": ran: " + out[-300:]))
        elif ran and rc == want and re.search(pattern, out, re.M):
            ok("%s: %s" % (how, desc))
        else:
            bad("%s: %s: ran %s, exit %d (want %d), output: %s" % (how, desc, ran, rc, want, out[-600:]))

    case("a translation with findings fails, its pair checked",
         ["zh/chat-templates.md", "notes.txt", "logo.png"], 1,
         r"^zh/chat-templates\.md:\d+:\d+: error: .*\n(.*\n)*1 file, \d+ findings: [1-9]\d* errors?")
    case("an original whose pair is clean passes", ["ok.md"], 0, r"^1 file, 0 findings")
    case("both sides and another original: two pairs",
         ["chat-templates.md", "zh/chat-templates.md", "3d-assets.md"], 1, r"^2 files, ")
    case("a swapped pair is refused in one line", ["zh/swapped.md"], 2,
         r"^enface: swapped\.md looks Chinese and zh/swapped\.md English: swapped\?")
    case("no staged document: the hook does not run", ["notes.txt", "logo.png"], None, "")
    return 1 if fails else 0


sys.exit(main())
