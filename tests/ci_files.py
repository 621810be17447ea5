#!/usr/bin/env python3
"""The CI files at the repository's root: action.yml (the composite GitHub
Action) and .pre-commit-hooks.yaml.  Both parse (python3-yaml; without it a
line-by-line check of the keys that matter), name scripts that exist and
enface options that `enface check --help` lists, and the action's own
steps run: the check step and the failing step are executed as the runner
would (inputs and step outputs substituted, GITHUB_OUTPUT, the working
directory) on a Hugging Face blog layout of ../shared/corpus/hfblog, with
findings (exit 1 after the upload), with --fail-on never (success), and
with a swapped layout (exit 2, no SARIF file); the SARIF is one run valid
against ../shared/schemas/sarif-2.1.0.json when python3-jsonschema is
there.  Installing the dependencies, building and uploading are not run
here (the suite builds; upload-sarif needs GitHub).

usage: ci_files.py ENFACE ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

E, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SHARED = os.path.join(ROOT, "..", "shared")
ACTION = os.path.join(ROOT, "action.yml")
HOOKS = os.path.join(ROOT, ".pre-commit-hooks.yaml")
fails = 0


def ok(desc):
    print("ok   " + desc)


def bad(desc):
    global fails
    fails += 1
    print("FAIL " + desc)


def check_options():
    """The long and short options of `enface check --help`."""
    h = subprocess.run([E, "check", "--help"], stdout=subprocess.PIPE, text=True).stdout
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", h))


def options_in(words):
    return [w.split("=")[0] for w in words if re.match(r"^--?[a-zA-Z]", w)]


# ---- without python3-yaml: the keys that matter, line by line

def careful_check():
    a = open(ACTION).read()
    h = open(HOOKS).read()
    for desc, text, pattern in [
            ("action: composite", a, r"^runs:\n  using: composite$"),
            ("action: input pairs", a, r"^  pairs:$"),
            ("action: input glossary", a, r"^  glossary:$"),
            ("action: input fail-on", a, r"^  fail-on:$"),
            ("action: tools/setup", a, r"\$GITHUB_ACTION_PATH/tools/setup"),
            ("action: tools/build", a, r"\$GITHUB_ACTION_PATH/tools/build"),
            ("action: -f sarif -o enface.sarif", a, r"check -f sarif -o enface\.sarif"),
            ("action: upload-sarif", a, r"uses: github/codeql-action/upload-sarif@v\d+$"),
            ("hooks: enface-check", h, r"^- id: enface-check$"),
            ("hooks: entry", h, r"^  entry: enface check$"),
            ("hooks: pass_filenames", h, r"^  pass_filenames: true$")]:
        (ok if re.search(pattern, text, re.M) else bad)(desc)
    return 1 if fails else 0


# ---- the runner's part: expressions, conditions, steps

def expr_value(e, ctx):
    e = e.strip()
    m = re.fullmatch(r"'([^']*)'", e)
    if m:
        return m.group(1)
    m = re.fullmatch(r"inputs\.([\w-]+)", e)
    if m:
        return ctx["inputs"][m.group(1)]
    m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e)
    if m:
        return ctx["steps"].get(m.group(1), {}).get(m.group(2), "")
    raise ValueError("expression not understood by this test: %r" % e)


def substitute(s, ctx):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: expr_value(m.group(1), ctx), s)


def condition(c, ctx):
    """A step's if: A == 'x' [&& ...], the forms action.yml uses."""
    if c is None:
        return ctx["ok"]
    c = c.strip()
    if c.startswith("${{") and c.endswith("}}"):
        c = c[3:-2]
    result = ctx["ok"]   # success() is implied
    for part in c.split("&&"):
        m = re.fullmatch(r"\s*(.+?)\s*(==|!=)\s*(.+?)\s*", part)
        if not m:
            raise ValueError("condition not understood by this test: %r" % part)
        a, b = expr_value(m.group(1), ctx), expr_value(m.group(3), ctx)
        result = result and ((a == b) if m.group(2) == "==" else (a != b))
    return result


def run_action(action, inputs, workdir, tmp):
    """Run the action's shell steps that need neither network nor root; the
    others are recorded.  Returns (steps run or recorded, final status)."""
    ctx = {"inputs": {k: str(v.get("default", "")) for k, v in action["inputs"].items()},
           "steps": {}, "ok": True}
    ctx["inputs"].update(inputs)
    log = []
    for st in action["runs"]["steps"]:
        name = st.get("name", "?")
        if not condition(st.get("if"), ctx):
            log.append(("skipped", name, None))
            continue
        if "uses" in st:
            with_ = {k: substitute(str(v), ctx) for k, v in st.get("with", {}).items()}
            log.append(("uses", st["uses"], with_))
            continue
        script = st["run"]
        if "tools/setup" in script or "tools/build" in script:
            log.append(("not run", name, script))
            continue
        out = os.path.join(tmp, "github_output")
        open(out, "w").close()
        env = dict(os.environ, GITHUB_OUTPUT=out, NO_COLOR="1",
                   PATH=os.path.dirname(E) + os.pathsep + os.environ["PATH"])
        env.update({k: substitute(str(v), ctx) for k, v in st.get("env", {}).items()})
        cwd = os.path.join(workdir, substitute(st.get("working-directory", "."), ctx))
        assert "${{" not in script, "%s: an expression inside the script (injection)" % name
        p = subprocess.run([st.get("shell", "bash"), "-e", "-c", script], cwd=cwd, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        outputs = dict(l.split("=", 1) for l in open(out).read().splitlines() if "=" in l)
        if "id" in st:
            ctx["steps"][st["id"]] = outputs
        log.append(("run", name, p.returncode, p.stderr))
        if p.returncode != 0:
            ctx["ok"] = False
            return log, p.returncode
    return log, 0


def test_action(action, opts, tmp):
    if action.get("runs", {}).get("using") != "composite":
        bad("action.yml: not a composite action")
        return
    for i in ("pairs", "glossary", "fail-on"):
        (ok if i in action.get("inputs", {}) else bad)("action.yml: input %s" % i)
    steps = action["runs"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    for tool in ("tools/setup", "tools/build"):
        path = os.path.join(ROOT, tool)
        named = "$GITHUB_ACTION_PATH/" + tool in scripts
        (ok if named and os.access(path, os.X_OK) else bad)("action.yml runs %s, which exists" % tool)
    for s in steps:
        if "run" in s and subprocess.run(["bash", "-n", "-c", s["run"]]).returncode:
            bad("action.yml: step %r is not valid bash" % s.get("name"))
    uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    (ok if len(uploads) == 1 and "steps.check.outputs.sarif" in str(uploads[0].get("with", {})
                                                                  .get("sarif_file"))
     else bad)("action.yml uploads the check's SARIF with github/codeql-action/upload-sarif")
    set_lines = re.findall(r"^\s*(?:if .*then )?set -- (.*?)(?:; fi)?$", scripts, re.M)
    used = options_in(" ".join(set_lines).replace('"', " ").split())
    missing = [o for o in used if o not in opts]
    (ok if used and not missing else bad)(
        "action.yml: enface check options %s exist%s" % (sorted(set(used)),
                                                        " (missing %s)" % missing if missing else ""))

    if not os.path.isdir(os.path.join(SHARED, "corpus", "hfblog")):
        print("skip: running the action's steps needs ../shared/corpus/hfblog")
        return
    blog = os.path.join(tmp, "blog")
    os.makedirs(os.path.join(blog, "zh"))
    hf = os.path.join(SHARED, "corpus", "hfblog")
    names = sorted(n for n in os.listdir(hf) if os.path.isfile(os.path.join(hf, n, "zh.md")))[:6]
    for n in names:
        shutil.copy(os.path.join(hf, n, "en.md"), os.path.join(blog, n + ".md"))
        shutil.copy(os.path.join(hf, n, "zh.md"), os.path.join(blog, "zh", n + ".md"))
    sarif = os.path.join(blog, "enface.sarif")
    pairs = "{name}.md=zh/{name}.md"

    log, status = run_action(action, {"pairs": pairs, "root": "blog",
                                      "glossary": os.path.join(ROOT, "glossary", "ml.tsv")}, tmp, tmp)
    kinds = [(l[0], l[1]) for l in log]
    up = [l for l in log if l[0] == "uses"]
    good = (status == 1 and os.path.isfile(sarif) and up and up[0][2].get("sarif_file") == sarif
            and kinds[-1] == ("run", "Fail on findings"))
    (ok if good else bad)("action: findings: SARIF written and uploaded, then the step fails (%s)"
                          % ("exit %d" % status if good else log))
    if os.path.isfile(sarif):
        doc = json.load(open(sarif))
        runs = doc.get("runs", [])
        results = runs[0]["results"] if len(runs) == 1 else []
        zh = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        (ok if len(runs) == 1 and zh and all(u.startswith("zh/") for u in zh) else bad)(
            "action: one SARIF run over the pairs, URIs relative to the root")
        try:
            import jsonschema
            schema = json.load(open(os.path.join(SHARED, "schemas", "sarif-2.1.0.json")))
            errs = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
            (ok if not errs else bad)("action: the SARIF is valid%s"
                                      % ("" if not errs else ": " + errs[0].message[:200]))
        except ImportError:
            print("note: python3-jsonschema missing: SARIF not schema-checked")
        os.remove(sarif)
    log, status = run_action(action, {"pairs": pairs, "root": "blog", "fail-on": "never"}, tmp, tmp)
    skipped = [l[1] for l in log if l[0] == "skipped"]
    good = status == 0 and os.path.isfile(sarif) and skipped == ["Fail on findings"]
    (ok if good else bad)("action: --fail-on never: uploaded, no failing step%s"
                          % ("" if good else " (exit %d: %s)" % (status, log)))
    if os.path.isfile(sarif):
        os.remove(sarif)
    log, status = run_action(action, {"pairs": "zh/{name}.md={name}.md", "root": "blog"}, tmp, tmp)
    last = log[-1]
    (ok if status == 2 and not os.path.exists(sarif) and last[0] == "run"
     and "looks Chinese" in last[3] and len(last[3].strip().splitlines()) == 1
     and not any(l[0] == "uses" for l in log) else bad)(
        "action: a swapped layout stops the check step (exit 2, one line, no SARIF, no upload)")


def test_hooks(hooks, opts):
    hook = next((h for h in hooks if isinstance(h, dict) and h.get("id") == "enface-check"), None)
    if not hook:
        bad(".pre-commit-hooks.yaml: no enface-check hook")
        return
    entry = hook.get("entry", "").split()
    (ok if entry[:2] == ["enface", "check"] else bad)(".pre-commit-hooks.yaml: entry is enface check")
    (ok if hook.get("pass_filenames") is True and hook.get("language") == "system" else bad)(
        ".pre-commit-hooks.yaml: passes the file names to the system's enface")
    (ok if set(hook.get("types_or", [])) == {"markdown", "html"} else bad)(
        ".pre-commit-hooks.yaml: Markdown and HTML files")
    used = options_in(entry[2:] + [str(a) for a in hook.get("args", [])])
    missing = [o for o in used if o not in opts]
    (ok if not missing else bad)(".pre-commit-hooks.yaml: options exist (%s)" % (missing or used))


def main():
    try:
        import yaml
    except ImportError:
        print("note: python3-yaml missing (tools/setup --test): a line-by-line check only")
        return careful_check()
    opts = check_options()
    if "--pairs" not in opts or "-f" not in opts:
        bad("enface check --help does not list --pairs and -f")
    try:
        with open(ACTION) as f:
            action = yaml.safe_load(f)
        with open(HOOKS) as f:
            hooks = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        bad("the CI files do not parse: %s" % str(e).replace("\n", " "))
        return 1
    ok("action.yml and .pre-commit-hooks.yaml parse")
    tmp = tempfile.mkdtemp()
    try:
        test_action(action, opts, tmp)
        test_hooks(hooks, opts)
    finally:
        shutil.rmtree(tmp)
    return 1 if fails else 0


sys.exit(main())
