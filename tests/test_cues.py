"""Guidance cues: instruction verbs that are also nouns, verb + particle instructions, capitals."""

from __future__ import annotations

from typing import List

import pytest

from helpful_errors.checks.cues import scan
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source
from helpful_errors.text import tokenize_text


def cues(text: str) -> List[str]:
    return [c.text for c in scan(tokenize_text(text))]


def codes(source: str) -> List[str]:
    return sorted({f.code for f in analyze_source(source + "\n", "t.py", Settings()).findings})


@pytest.mark.parametrize(
    "text,cue",
    [
        ("No widget named {name}; list the widgets with GET /widgets", "list the"),
        ("Unknown board; show the boards with `app boards`", "show the"),
        ("Ticket expired: print a new one with `app ticket`", "print a"),
        ("Stale mirror. Download {url} again", "download <v>"),
        ("Path has spaces. Quote the path", "quote the"),
        ("Another editor holds the draft; close it first", "close it"),
    ],
)
def test_noun_first_verbs_instruct_with_a_clear_object(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "List index out of range",
        "Print queue full",
        "Show failed for {x}",
        "Open file {f} failed",
        "Copy of {x} is stale",
        "download timeout",
        "Quote character missing in {line}",
    ],
)
def test_noun_first_verbs_without_a_clear_object_are_nouns(text: str) -> None:
    assert cues(text) == []


@pytest.mark.parametrize(
    "text,cue",
    [
        ("Session expired; log in again", "log in"),
        ("Session expired. Please sign in again.", "sign in"),
        ("Journal locked. Wait for {pid} to end", "wait for"),
        ("Journal locked. Wait for the other writer to finish", "wait for"),
        ("No profile yet: set up one with `app init`", "set up"),
    ],
)
def test_verb_and_particle_instructions_count(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize("text", ["Sign in failed for {user}", "Wait for lock timed out", "log in was refused"])
def test_verb_and_particle_followed_by_a_finite_verb_are_state(text: str) -> None:
    assert cues(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "JOURNAL LOCKED. WAIT FOR THE OTHER WRITER TO FINISH",
        "SESSION EXPIRED; LOG IN AGAIN",
        "CACHE CORRUPT. DELETE IT AND TRY AGAIN",
        "NO PROFILE. PLEASE RUN `app init`",
    ],
)
def test_guidance_in_capitals_counts(text: str) -> None:
    assert cues(text)


def test_the_state_only_rule_credits_the_new_instructions() -> None:
    flask = "from flask import abort\n\n\ndef f(name):\n    abort(404, description=f'No widget named {name}{rest}')"
    assert codes(flask.replace("{rest}", "; list the widgets with GET /widgets")) == []
    assert codes(flask.replace("{rest}", "")) == ["HEM001"]
    assert codes('def f():\n    raise RuntimeError("Journal locked by another writer; wait for it to finish")') == []


@pytest.mark.parametrize("text", ["the side was not picked, please", "the files differ and also", "Please"])
def test_a_text_that_ends_with_an_opener_word_is_read_without_error(text: str) -> None:
    assert cues(text) == []


@pytest.mark.parametrize("text", ["Don't know how to render a {kind}", "do not understand the unit {unit!r}"])
def test_a_program_saying_what_it_does_not_know_gives_no_order(text: str) -> None:
    assert not [c for c in cues(text) if c.startswith(("don't", "do not"))]


def test_a_prohibition_is_still_an_order() -> None:
    assert "don't pass" in cues("Don't pass both --all and a name")


def test_a_message_closing_with_its_detail_after_a_colon_is_judged() -> None:
    detail = 'def f(msg):\n    raise ValueError(f"unknown colour scheme: {msg}")'
    advice = 'def f(hint):\n    raise ValueError(f"unknown colour scheme: {hint}")'
    assert "HEM001" in codes(detail)
    assert "HEM001" not in codes(advice)


@pytest.mark.parametrize("text", ["<b>Quota</b> is exhausted", "the upload was rejected</p>", "<i>Upload</i> failed<br>"])
def test_html_tags_are_not_comparisons(text: str) -> None:
    assert cues(text) == []


def test_a_state_only_message_wrapped_in_markup_is_judged() -> None:
    assert codes('def f(quota):\n    raise ValueError("<b>Quota</b> is exhausted")') == ["HEM001"]


def kinds(text: str) -> List[str]:
    return sorted({c.kind for c in scan(tokenize_text(text))})


@pytest.mark.parametrize(
    "text",
    [
        "Symlinks are not supported on FAT file systems",
        "`--tail` is only valid with `--follow`",
        "the retry count has no effect unless `--retry` is given",
        "`--tag` without `--push` does nothing",
        "Sorting is not defined for mixed key types",
        "Path {p} is invalid on Windows",  # a negative form binds what follows it
        "Compression unsupported for streamed bodies",
        "Sharding is not available on a free plan",  # presence, of a kind of thing
        "Profiling is not available in Databricks",  # presence, on a named platform
        "'strict' is only valid together with 'schema'",
        "{codec} is not compatible with {container}",  # the other side of a clash may be a value
        "Checksums are not supported for multi-part uploads",  # a hyphenated word is a word
        "Called flush() after close()",  # the order two calls must come in
    ],
)
def test_the_condition_something_works_under_is_a_condition(text: str) -> None:
    assert "condition" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "{codec} is not supported",
        "Support of {codec} is not available.",
        "the index of the page is not valid",
        "Symlinks are not supported on this file system",  # the case at hand: nothing learned
        "Hashing is not available for this backend",
        "Hashing is not supported in the current build",
        "Tool not available in PATH",  # presence: where it was looked for
        "Setting not defined in the schema",
        "Sorting is not defined for value {v}",  # one value, not a kind of input
        "Invalid character in name",  # a negative form as a noun's adjective
        "The flag has no effect on the output",  # what is affected, not when
        "Mirroring is not supported for now",  # a time, not a condition
        "The token is expired or invalid for other reasons",  # a cause
        "Timed out before handshake()",  # no call whose order is at stake
    ],
)
def test_a_predicate_without_its_condition_is_no_condition(text: str) -> None:
    assert "condition" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "SMTP_USER is set but SMTP_PASSWORD is missing",
        "--mirror given but no --mirror-path",
        "Signing is enabled, but there is no key on the keyring",
        "{backend} is selected but the `redis` package is not installed",
        "Replicas are configured but the primary isn't reachable",
    ],
)
def test_one_thing_present_and_another_absent_is_a_condition(text: str) -> None:
    assert "condition" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "{path} exists but is not a folder",  # one thing in two states
        "The cache was found, but it is empty",  # points back at the first thing
        "Asked for {id}, but no matching order",  # a search that came back empty
        "Query ran but no such table was found",
        "Reads anything but plain text",  # "but" as "except"
        "The worker started, but the queue stayed idle",  # nothing absent
    ],
)
def test_a_contrast_of_one_thing_or_with_nothing_absent_is_no_condition(text: str) -> None:
    assert "condition" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "the lock on {path} is held; maybe another build is running",
        "checksum mismatch, probably an interrupted download",
        "the index is stale. This may be because the cache was copied from another machine",
    ],
)
def test_a_likely_cause_offered_is_a_cause(text: str) -> None:
    assert "cause" in kinds(text)


@pytest.mark.parametrize("text", ["the build failed because of {error}", "the cache may be stale"])
def test_a_definite_account_or_a_bare_may_is_no_cause(text: str) -> None:
    assert "cause" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "File not found in the bundle",  # a noun before a negation, not "file (a report)"
        "`make dist` failed with status 2",  # a command that was run, reported
        "could not render the man page for {topic}",  # the documentation acted on, not pointed to
    ],
)
def test_reports_that_look_like_orders_or_pointers_give_no_cue(text: str) -> None:
    assert cues(text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("File a bug report with the log attached", "file a"),
        ("the build is stale; run `make dist` first", "`make dist`"),
        ("unknown flag {flag}; the man page lists them all", "man page"),
    ],
)
def test_their_twins_still_guide(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize("text, cue", [
    ("The maximum width of a banner title is 40", "maximum"),
    ("Minimum retry delay for the uploader is {delay}", "minimum"),
    ("Banner titles are limited to 40 characters", "limited to"),
])
def test_a_limit_stated_with_its_value_is_an_expectation(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize("text", [
    "The maximum width was reached, so the banner is cut",  # no value stated
    "Maximum width exceeded; the banner is {width}",  # the value is the input's, after a clause break
])
def test_a_limit_without_its_value_is_no_expectation(text: str) -> None:
    assert not {"maximum", "limited to"} & set(cues(text))


@pytest.mark.parametrize("text, cue", [
    ("Archives need API version < 3.2", "<"),  # a bound on a named thing
    ("`depth` must be >= 1", ">="),
    ("Invalid width {w} < 0", "<"),  # a value against a constant bound
    ("Requirements: a writable cache folder", "requirements"),
    ("Banner titles only take ASCII letters", "only"),
    ("gain {g} lies outside [0, 12] decibels", "in [a, b]"),  # an interval of numbers
])
def test_a_bound_or_requirement_stated_is_an_expectation(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize("text", [
    "Lease ended early, {now} > {deadline}",  # two inserted values: what was observed
    "handler=<{module}.{name}>",  # angle brackets, not a comparison
    "Read only volume",  # a compound adjective
    "requirement {spec} has no pinned version",  # the noun names a thing
    "requirement file {path} holds a broken line",
    "tile size (256, 256) does not divide the image",  # a pair of numbers, not an interval
])
def test_an_observed_relation_or_a_named_thing_is_no_expectation(text: str) -> None:
    assert not {"<", ">", "only", "requirement", "in [a, b]"} & set(cues(text))


@pytest.mark.parametrize("text", [
    "{mode} is not a valid mode for uploads",  # "not a valid Y": the predicate is a noun's adjective
    "Bucket <{name}> does not exist",  # brackets around a value, not a comparison
    "No known codec {codec}",  # "no known X" is "unknown X"
])
def test_an_adjective_of_a_noun_or_brackets_state_nothing_expected(text: str) -> None:
    assert not {"condition", "expectation"} & set(kinds(text))


def test_an_adverb_may_come_between_the_predicate_and_its_condition() -> None:
    assert "condition" in kinds("Hard links are supported only on NTFS")


@pytest.mark.parametrize("text", [
    "These files will likely break the signature",  # a prediction
    "The upload is likely to fail",
])
def test_a_predicted_consequence_is_no_cause(text: str) -> None:
    assert "cause" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Duplicate requirement: {spec}",  # the noun names the thing reported
    "Lock file holds an invalid requirement: {spec}",
    "Frame exceeded maximum size. {n} bytes read",  # the value after the full stop is the input's
    "No handler with name == {name}",  # equality names a lookup key
    "Unclosed <{cls} at {addr}>",  # brackets around values
    "Settings file isn't valid TOML: {e}",
])
def test_a_named_thing_or_an_observed_value_is_no_expectation(text: str) -> None:
    assert "expectation" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Valid characters for a tag name are a-z and digits",
    "Supported codecs for the MP4 container are: aac, mp3",
])
def test_valid_values_with_a_qualifier_between_are_listed(text: str) -> None:
    assert "expectation" in kinds(text)


@pytest.mark.parametrize("text", [
    "Supported formats for the export are not available",
    "Valid settings for the {name} profile are missing",
    "Neither a token nor valid signing keys for the account are found",
])
def test_a_qualified_list_that_reports_its_absence_lists_nothing(text: str) -> None:
    assert "expectation" not in kinds(text)


@pytest.mark.parametrize("text, cue", [
    ("Please regenerate the lock file", "regenerate the"),  # after "please", any base verb
    ("Plugin missing, reinstall with the extras", "reinstall with"),  # a verb and nothing else, going on with a preposition
    ("Upload failed; retry with --force", "retry with"),
    ("Execute the upload again", "execute the"),  # a verb and nothing else, with a clear object
    ("The codec is missing so please add it to the image", "please add"),  # "please" mid-clause
    ("Resubmit job again once the quota resets", "resubmit job"),  # asks to repeat
])
def test_an_instruction_verb_the_lexicon_knows_is_an_action(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize("text", [
    "Connect to {host} failed",  # a finite verb ends the clause: a report
    "Write to {path} not permitted",
    "Deny rule conflicts with the allow rule",  # no clear object: a noun phrase
    "Parse error at line 3",
    "redirect from HTTPS to HTTP",  # opening the text, a verb and a preposition name an event
])
def test_a_report_that_opens_with_a_verb_gives_no_order(text: str) -> None:
    assert "action" not in kinds(text)
