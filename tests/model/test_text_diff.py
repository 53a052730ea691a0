"""Two versions of a text compared: the lines of a diff, and the changed steps in the page's words."""

from __future__ import annotations

from trainops.model.text_diff import DiffLine, changed_steps, line_diff

OLD = "# Call the desk\n\n1. Open the ticket.\n2. Call 555-0100.\n3. Close it.\n"


def test_a_replaced_line_is_removed_then_added_between_its_context():
    new = OLD.replace("555-0100", "555-0199")
    assert line_diff(OLD, new, context=1) == [
        DiffLine("same", 3, 3, "1. Open the ticket."),
        DiffLine("removed", 4, None, "2. Call 555-0100."),
        DiffLine("added", None, 4, "2. Call 555-0199."),
        DiffLine("same", 5, 5, "3. Close it."),
    ]


def test_changes_far_apart_have_a_gap_between_them():
    old = "\n".join(f"line {n}" for n in range(1, 21))
    new = old.replace("line 2\n", "line two\n").replace("line 19", "line nineteen")
    kinds = [line.kind for line in line_diff(old, new, context=2)]
    assert kinds.count("gap") == 1 and kinds.count("removed") == 2 and kinds.count("added") == 2
    assert line_diff(old, old) == []


def test_steps_are_in_the_pages_words():
    new = OLD.replace("555-0100", "555-0199")
    assert changed_steps(OLD, new) == (("Call 555-0100.", "Call 555-0199."),)


def test_added_and_removed_steps_have_an_empty_side():
    added = OLD.replace("3. Close it.", "3. Write the outcome.\n4. Close it.")
    assert changed_steps(OLD, added) == (("", "Write the outcome."),)
    assert changed_steps(added, OLD) == (("Write the outcome.", ""),)


def test_a_change_of_markup_only_is_no_step():
    renumbered = OLD.replace("2. Call", "1. Call").replace("3. Close", "1. Close").replace("\n\n", "\n\n\n")
    assert changed_steps(OLD, renumbered) == ()
    assert changed_steps("- [ ] Book the room\n> Note: bring ID", "* [x] Book the room\n> Note: bring ID") == ()
