"""The terminal says what the app says, in words: the app's names for speech models, stars and
roles, help that reads without knowing Python, and questions of your own told apart from the
banks' as the Questions page tells them."""

from __future__ import annotations

import json
import re

from tests.cli_support import help_pages, run_coach


def test_no_help_page_shows_code_for_an_argument_or_a_range(tmp_path):
    """`coach transcribe --help` read "{audio}" and "audio <path>", `coach favourite --help`
    "question_id <str>", and ranges "[x>=1]" and "[2<=x<=10]": Python's names and a maths
    notation, where a person reads "AUDIO" and "at least 1", "2 to 10"."""
    pages = help_pages(tmp_path)
    assert len(pages) > 30
    code = re.compile(r"<=|>=|[{}]|<(str|path|int|float|bool)>")
    shown = {name: [line for line in page.splitlines() if code.search(line)] for name, page in pages.items()}
    assert {name: lines for name, lines in shown.items() if lines} == {}
    said = {name: " ".join(page.split()) for name, page in pages.items()}
    assert "Usage: coach transcribe [OPTIONS] AUDIO " in said["transcribe"], pages["transcribe"]
    assert "Usage: coach job-description [OPTIONS] INTERVIEW_ID [SOURCE]" in said["job-description"]
    assert "AUDIO a recording: wav, flac" in said["transcribe"], pages["transcribe"]
    assert (
        "--limit N at most this many practice answers [default: the newest 20] [at least 1]"
        in said["history"]
    ), pages["history"]
    assert "Follow-up questions are extra. [2 to 10]" in said["mock"], pages["mock"]
    # said once: "how many questions, 2 to 10. … Follow-up questions are extra. [2 to 10]" said it twice
    assert said["mock"].count("2 to 10") == 1, pages["mock"]
    assert "[default: 5; at least 1]" in said["progress"], pages["progress"]


def test_the_terminal_names_speech_models_and_roles_as_the_settings_page_does(tmp_path):
    """The Settings page offers "Quick" and "More accurate" and "Sales and customer roles";
    `coach models` and `coach settings` said only "tiny.en", "base" and "sales-customer"."""
    models = run_coach("models", data_dir=tmp_path)
    assert models.returncode == 0, models.stderr
    [quick] = [
        line for line in models.stdout.splitlines() if line.split()[:2] == ["faster-whisper", "tiny.en"]
    ]
    assert "available  Quick: comes with the app (default)" in quick, quick
    [accurate] = [
        line for line in models.stdout.splitlines() if line.split()[:2] == ["faster-whisper", "base"]
    ]
    assert "More accurate: " in accurate, accurate

    chosen = run_coach("settings", "--role", "sales", "--model", "quick", data_dir=tmp_path)
    assert chosen.returncode == 0, chosen.stderr
    assert "Your role: Sales and customer roles (its questions and those for any role" in chosen.stdout
    assert "Speech model: Quick — faster-whisper tiny.en (" in chosen.stdout, chosen.stdout
    for old in ("sales-customer", "product manager"):  # the old spellings and the page's, as typed
        assert run_coach("settings", "--role", old, data_dir=tmp_path).returncode == 0
    shown = run_coach("settings", "--role", "Sales and customer roles", data_dir=tmp_path)
    assert shown.stdout.startswith("Your role: Sales and customer roles ("), shown.stdout
    refused = run_coach(
        "settings", "--model", "More accurate", "--engine", "openai-whisper", data_dir=tmp_path
    )
    assert refused.returncode == 1, refused.stdout
    assert "The openai-whisper model 'base' is not on this machine" in refused.stderr, refused.stderr
    assert "use the bundled 'tiny.en'" in refused.stderr and "Traceback" not in refused.stderr


def test_role_help_and_its_error_name_the_same_roles(tmp_path):
    """`coach questions --help` offered "sales" while `--role nope` listed "sales-customer"; the
    error then listed the banks' short names (engineering-manager, sales-customer) where the Settings
    page says "Engineering management" and "Sales and customer roles". It names the page's roles,
    each of which --role takes as written (what the help lists: the next test)."""
    from coach.banks import ROLE_LABELS

    refused = run_coach("questions", "--role", "nope", data_dir=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "error: Unknown role 'nope'; use one of the Settings page's roles: “Any role”, “Software "
        "engineering”, “Data”, “Product”, “Design”, “Engineering management” or “Sales and customer roles”."
    )
    for role in [*re.findall(r"“([^”]+)”", refused.stderr), *ROLE_LABELS.values()]:
        taken = run_coach("questions", "--role", role, data_dir=tmp_path)
        assert taken.returncode == 0, (role, taken.stderr)
    for short in ("swe", "pm", "em", "sales"):  # no longer listed (`coach settings` lists none), still taken
        assert run_coach("questions", "--role", short, data_dir=tmp_path).returncode == 0


def test_questions_lists_and_takes_the_roles_as_settings_and_mock_do(tmp_path):
    """`coach questions --help` listed "e.g. software-engineer (swe), data, product (pm), …" where
    `coach settings --role` and `coach mock --role` list "any, software-engineer, … (or as the
    Settings page names it, in quotes)"; `--role any` listed only the 150 questions written for no
    role in particular, where "Any role (all questions)" in Settings, the Questions page's Role
    filter and the mock interview mean every question. Every name it took before is still taken."""
    from coach.banks import ROLE_LABELS, ROLES
    from coach.ui.summary import role_filter_words

    pages = {name: " ".join(page.split()) for name, page in help_pages(tmp_path).items()}
    [settings_roles] = re.findall(
        r"--role ROLE the jobs you interview for: (.+? in quotes\))", pages["settings"]
    )
    # read without spaces: a help page may break "sales-customer" at its hyphen
    said = f"with those for any role: {settings_roles}; any lists every question"
    assert said.replace(" ", "") in pages["questions"].replace(" ", ""), pages["questions"]

    def listed(*args) -> list[str]:
        shown = run_coach("questions", *args, "--json", data_dir=tmp_path)
        assert shown.returncode == 0, (args, shown.stderr)
        return [q["id"] for q in json.loads(shown.stdout)]

    every = listed()
    names = [
        *ROLES,
        *ROLE_LABELS.values(),
        "Any role",
        *map(role_filter_words, ROLES),
        "pm",
        "swe",
        "em",
        "sales",
    ]
    for name in dict.fromkeys(names):
        saved = run_coach("settings", "--role", name, "--json", data_dir=tmp_path / "settings")
        assert saved.returncode == 0, (name, saved.stderr)
        role = json.loads(saved.stdout)["role"]
        if role == "any":
            assert listed("--role", name) == every, name
        else:
            assert listed("--role", name) == listed("--role", role) != every, name


def test_mock_lists_and_takes_the_roles_as_settings_and_the_pages_name_them(tmp_path):
    """`coach mock --help` listed "software-engineer, data, product, design, ..." where `coach
    settings --help` lists every role and says the Settings page's names are taken too; `coach mock
    --role any` (and "Any role", as Settings offers it) was refused, listing the banks' short names.
    Each name `coach settings --role` takes, the pages' included, runs the mock interview for the
    role it saves: "any" a behavioural round from every role's questions."""
    from coach.banks import ROLE_LABELS, ROLES
    from coach.ui.summary import role_filter_words

    pages = {name: " ".join(page.split()) for name, page in help_pages(tmp_path).items()}
    [settings_roles] = re.findall(
        r"--role ROLE the jobs you interview for: (.+? in quotes\))", pages["settings"]
    )
    assert all(role in settings_roles for role in ROLES), settings_roles
    assert f"by default your role in Settings: {settings_roles}" in pages["mock"], pages["mock"]
    skips = tmp_path / "answers"  # each turn skipped: no answer to analyse
    skips.mkdir()
    for name in ("01-skip", "02-skip"):
        (skips / name).touch()
    names = [*ROLES, *ROLE_LABELS.values(), "Any role", *map(role_filter_words, ROLES), "pm", "swe", "sales"]
    for name in dict.fromkeys(names):
        saved = run_coach("settings", "--role", name, "--json", data_dir=tmp_path / "settings")
        assert saved.returncode == 0, (name, saved.stderr)
        role = json.loads(saved.stdout)["role"]
        mock = run_coach(
            "mock", "--questions", 2, "--role", name, "--answers", skips, "--json", data_dir=tmp_path
        )
        assert mock.returncode == 0, (name, mock.stderr)
        summary = json.loads(mock.stdout)["summary"]
        if role == "any":
            assert (summary["format"], summary["role"]) == ("behavioural", None), (name, summary)
        else:
            assert (summary["format"], summary["role"]) == ("role", role), (name, summary)


def test_an_unknown_role_in_settings_toml_names_the_roles_as_the_role_option_does(tmp_path):
    """role = "nope" in settings.toml made every command list the banks' short names ("any,
    software-engineer, …, sales-customer"), where `--role nope` names the Settings page's roles. It
    names those too, and the short names beside them, since the file takes either."""
    from coach.banks import ROLE_LABELS, ROLES

    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('role = "nope"\n')
    refused = run_coach("questions", data_dir=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"error: role in {settings_file} is 'nope', which is not a role the questions are written for; "
        "write one of the Settings page's roles (“Any role”, “Software engineering”, “Data”, “Product”, "
        "“Design”, “Engineering management” or “Sales and customer roles”) or its short name (any, "
        "software-engineer, data, product, design, engineering-manager or sales-customer)."
    )
    named = re.findall(r"“([^”]+)”", refused.stderr)
    shorts = re.search(r"short name \(([^)]+)\)", refused.stderr).group(1).replace(" or ", ", ").split(", ")
    assert shorts == list(ROLES)
    # the file takes each as written: the page's name reads as its short name
    page_names = {label.removesuffix(" (all questions)"): role for role, label in ROLE_LABELS.items()}
    for role in [*named, *shorts]:
        settings_file.write_text(f"role = {json.dumps(role)}\n")
        shown = run_coach("settings", "--json", data_dir=tmp_path)
        assert shown.returncode == 0, (role, shown.stderr)
        assert json.loads(shown.stdout)["role"] == page_names.get(role, role)


def test_star_is_the_command_and_starred_the_filter_as_on_the_questions_page(tmp_path):
    """The Questions page says "Star" and "Starred only"; the terminal had `coach favourite` and
    `--favourites`. The old names still work, unlisted."""
    listing = run_coach("--help", data_dir=tmp_path).stdout
    assert re.search(r"^  star\s+Star a question", listing, re.MULTILINE), listing
    assert not re.search(r"^  favourite\s", listing, re.MULTILINE), listing
    none = run_coach("questions", "--starred", data_dir=tmp_path)
    assert none.stderr.strip() == "error: You have starred no question yet; star one with `coach star ID`."
    assert run_coach("star", "beh-lead-01", data_dir=tmp_path).stdout.startswith("Starred “Tell me")
    starred = run_coach("questions", "--starred", data_dir=tmp_path).stdout.splitlines()
    assert [line.split()[0] for line in starred if not line.startswith(" ")] == ["beh-lead-01"]
    helped = " ".join(run_coach("questions", "--help", data_dir=tmp_path).stdout.split())
    assert "--starred only the questions you starred (`coach star ID`)" in helped
    assert "favourite" not in helped
    # the old names, as a script written before may use them
    assert run_coach("questions", "--favourites", data_dir=tmp_path).stdout == "\n".join(starred) + "\n"
    took = run_coach("favourite", "beh-lead-01", "--remove", data_dir=tmp_path)
    assert took.stdout.startswith("Took the star off"), took


def test_questions_json_says_starred_as_the_terminal_and_page_do(tmp_path):
    """`coach questions --json` gave each question "favourite" where the Questions page, `coach star`
    and `--starred` say "starred". The key a script read before is kept beside it (DESIGN.md's
    contract: a key is added, none changed or removed)."""
    import json

    assert run_coach("star", "beh-lead-01", data_dir=tmp_path).returncode == 0
    listed = json.loads(run_coach("questions", "--json", data_dir=tmp_path).stdout)
    assert [q["id"] for q in listed if q["starred"]] == ["beh-lead-01"]
    assert all(q["favourite"] == q["starred"] for q in listed)


def test_a_bank_question_typed_with_typos_is_refused_naming_the_question(tmp_path):
    """`coach add-question "Tell me abuot a tiem you failed."` was kept as a question of its own,
    beside the banks' "Tell me about a time you failed.", so its answers would be split between
    the two."""
    for typed in (
        "Tell me abuot a tiem you failed.",
        "tel me about a time you faild",
        "Tell me about a time yuo failed?",
        "Tell me abuot a time when you failed.",  # a typo and a small word more
        "Tell me about time you failed",  # a small word less
    ):
        refused = run_coach("add-question", typed, data_dir=tmp_path)
        assert refused.returncode == 1, (typed, refused.stdout)
        assert refused.stderr.strip() == (
            "error: The banks already have this question, spelt “Tell me about a time you failed.” "
            "(beh-fail-01); practise that one, or word yours differently."
        ), refused.stderr
    mine = run_coach("add-question", "What did yuo learn from your last project?", data_dir=tmp_path)
    assert mine.returncode == 0, mine.stderr
    again = run_coach("add-question", "What did you learn from your last project?", data_dir=tmp_path)
    assert (
        again.returncode == 1 and "error: You already have this question, spelt “What did yuo" in again.stderr
    )


def test_a_shorter_wording_of_a_bank_question_is_refused_as_the_practice_page_files_it(tmp_path):
    """`coach add-question "Tell me about a time you led without authority."` (and the Questions
    page) kept it as a question of its own, while the same words typed on the Practice page are
    filed under the banks' "Tell me about a time you led a project or team without formal
    authority.": its answers were split between two copies of one question."""
    from coach.config import load_settings
    from coach.recommend import own_question

    shorter = "Tell me about a time you led without authority."
    typed_on_practice = own_question(load_settings(tmp_path / "practice"), shorter)
    assert typed_on_practice.id == "beh-lead-01"
    refused = run_coach("add-question", shorter, data_dir=tmp_path / "questions")
    assert refused.returncode == 1, refused.stdout
    assert refused.stderr.strip() == (
        "error: The banks already have this question, worded “Tell me about a time you led a project or "
        "team without formal authority.” (beh-lead-01); practise that one, or word yours differently."
    ), refused.stderr
    mine = run_coach("add-question", "How do you review code?", data_dir=tmp_path / "questions")
    assert mine.returncode == 0, mine.stderr


def test_questions_close_to_a_bank_question_but_asking_another_thing_are_kept(tmp_path):
    """A typo check must not take a different question for a misspelt one: a word changed for
    another word, or words added, make a question of its own."""
    for typed in (
        "Tell me about a time you succeeded.",  # the banks have "... you failed."
        "Tell me about a time you fled.",  # 'fled' is a word, not 'failed' misspelt
        "Tell me about a time you failed a customer.",
        "Why are you looking for a new team?",  # the banks: "... a new role?"
        "Why this team?",
        "Why this company?",
    ):
        kept = run_coach("add-question", typed, data_dir=tmp_path)
        assert kept.returncode == 0, (typed, kept.stderr)
    # "lied" is one letter from "led" but a word of its own: it was refused as "led" misspelt
    assert run_coach("add-question", "Tell me about a time you led.", data_dir=tmp_path).returncode == 0
    lied = run_coach("add-question", "Tell me about a time you lied.", data_dir=tmp_path)
    assert lied.returncode == 0, lied.stderr


def test_a_backup_counts_your_own_and_starred_questions_in_the_apps_words(tmp_path):
    """`coach export` said "Exported 3 own questions and 1 favourite" (the Settings page "The backup
    holds 3 own questions and 1 favourite"), where the Questions page says "Your questions" and
    "Starred"."""
    data = tmp_path / "data"
    for text in ("What would you change first?", "Why this team?", "How do you review code?"):
        assert run_coach("add-question", text, data_dir=data).returncode == 0
    assert run_coach("star", "beh-fail-01", data_dir=data).returncode == 0
    exported = run_coach("export", tmp_path / "backup.zip", data_dir=data)
    assert exported.returncode == 0, exported.stderr
    said = exported.stdout + exported.stderr
    assert said.startswith("Exported 3 of your own questions and 1 starred question to "), said


def test_every_command_that_hears_takes_the_settings_pages_model_names(clips, tmp_path):
    """`coach settings --model quick` took the Settings page's names for the speech models, while
    `coach analyze`, `transcribe` and `review --model quick` called it an unknown model and listed
    tiny.en, tiny, base.en... An unknown name is one sentence naming the page's names."""
    from coach.transcribe.models import command_model

    for command in ("analyze", "transcribe", "review"):
        for name in ("quick", "More accurate", "Quick, second engine"):
            # past the model, the file itself is what stops it (before: "Unknown model 'quick'")
            refused = run_coach(command, clips / "not_audio.wav", "--model", name, data_dir=tmp_path)
            said = refused.stderr.strip()
            assert refused.returncode == 1
            assert said.startswith("error: not_audio.wav is not audio the coach can"), (command, name, said)
    assert command_model("quick", None) == ("faster-whisper", "tiny.en")
    assert command_model("More  accurate", None) == ("faster-whisper", "base")
    assert command_model("Quick, second engine", None) == ("openai-whisper", "tiny.en")
    assert command_model("quick", "openai-whisper") == ("openai-whisper", "tiny.en")  # --engine decides
    assert command_model("base.en", None) == (None, "base.en")  # the settings' engine
    unknown = run_coach("transcribe", clips / "not_audio.wav", "--model", "huge", data_dir=tmp_path)
    assert unknown.stderr.strip() == (
        "error: Unknown model 'huge'; choose “Quick”, “More accurate” or “Quick, second engine” as the "
        "Settings page names them, a model `coach models` lists (such as tiny.en) or the path of a "
        "model folder or file."
    )


def test_worker_help_says_what_a_worker_on_another_machine_needs(tmp_path):
    """The README says a worker on another machine needs the app's recordings folder
    (COACH_RECORDINGS_DIR) and its data directory with the cohort's settings.toml (COACH_DATA_DIR);
    `coach worker --help` named only COACH_DATABASE_URL, so a host reading it started workers that
    failed every answer or ignored the staff's settings."""
    helped = " ".join(run_coach("worker", "--help", data_dir=tmp_path).stdout.split())
    assert "set COACH_RECORDINGS_DIR to the folder the app keeps the recordings in" in helped, helped
    assert "and COACH_DATA_DIR to the app's data directory" in helped, helped
    assert "the speech model and thresholds the staff choose" in helped, helped


# The commands DESIGN.md's contract lists; the README names the others it adds.
CONTRACT_COMMANDS = {
    "transcribe", "record", "analyze", "review", "history", "progress", "questions", "export",
    "import", "reanalyze", "models", "mock", "interviews",
}  # fmt: skip


def test_the_readme_names_every_command_beyond_the_contract():
    """`coach --help` lists `goals`, which the README's "Commands beyond the contract's list" left
    out: a reader of that list did not know the terminal sets goals as Progress does."""
    from pathlib import Path

    from coach.cli import app

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    [listed] = re.findall(r"Commands beyond the contract's list: (.*?) describes each", readme)
    named = set(re.findall(r"`([a-z-]+)`", listed))
    shown = {command.name for command in app.registered_commands if not command.hidden}
    assert shown - CONTRACT_COMMANDS - named == set()
    assert named - shown == set()


def test_a_question_of_your_own_without_points_is_told_the_command_that_adds_them(tmp_path):
    """`coach analyze` of an answer to a question of your own without talking points told the user
    to "add what a strong answer covers on the Questions page", in a terminal, in its text and in
    its --json. It names the command now, with the question's id, and that command does it; the
    page, reading the same analysis, keeps naming the Questions page."""
    from coach.banks import get_question
    from coach.config import load_settings
    from coach.practice import typed_answer
    from coach.ui.summary import score_rows
    from tests.cli_support import unwrapped

    added = run_coach("add-question", "Tell me about a time you rescued a late project.", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    question_id = added.stdout.split()[0]
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "Last year our team was three weeks behind on a payment integration for a large client. I was "
        "asked to get it back on track. I split the work into daily milestones and I met the client "
        "every morning. We shipped on time, and the client renewed the contract.\n",
        encoding="utf-8",
    )
    command = f"`coach edit-question {question_id} --talking-point POINT`"
    told = (
        f"your own question has no talking points to check (add what a strong answer covers with {command});"
    )
    printed = run_coach("analyze", "--text", answer, "--question", question_id, data_dir=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert told in unwrapped(printed.stdout) and "Questions page" not in printed.stdout, printed.stdout
    assert f"\n  {command}" in printed.stdout, printed.stdout  # whole on its line, to copy
    as_json = run_coach("analyze", "--text", answer, "--question", question_id, "--json", data_dir=tmp_path)
    because = json.loads(as_json.stdout)["scores"]["content"]["because"]
    assert because.startswith(told) and "Questions page" not in as_json.stdout, because

    # the page reads the analysis as stored: its own way
    settings = load_settings(tmp_path)
    question = get_question(question_id, tmp_path, owner=settings.owner)
    analysed = typed_answer(answer.read_text(encoding="utf-8"), settings, question=question).analysis
    [content] = [row for row in score_rows(analysed) if row["Measure"] == "Content"]
    assert content["Based on"].startswith(
        "your own question has no talking points to check (add what a strong answer covers on the "
        "Questions page);"
    ), content

    # doing what it says gives the question its point, which the next analysis checks
    edited = run_coach("edit-question", question_id, "--talking-point", "the deadline met", data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    again = run_coach("analyze", "--text", answer, "--question", question_id, "--json", data_dir=tmp_path)
    result = json.loads(again.stdout)
    assert result["metrics"]["relevance"]["total"] == 1, result["metrics"]["relevance"]
    assert "no talking points" not in result["scores"]["content"]["because"]
