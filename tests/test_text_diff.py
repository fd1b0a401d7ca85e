"""The word diff the history and the review screen show: whole words, readable, escaped."""

from cooperation.text_diff import has_changes, plain_text, word_diff


def test_a_changed_word_is_marked_whole():
    assert word_diff("The International Organization", "The International Organisation") == (
        "The International <del>Organization</del><ins>Organisation</ins>"
    )


def test_neighbouring_changed_words_read_as_one_change():
    assert word_diff("a b c d", "x y c d") == "<del>a b</del><ins>x y</ins> c d"


def test_unchanged_text_has_no_marks():
    assert word_diff("Same text.", "Same text.") == "Same text."


def test_both_sides_are_escaped():
    diff = word_diff("<b>old</b>", "<script>alert(1)</script>")
    without_marks = diff.replace("<del>", "").replace("</del>", "")
    without_marks = without_marks.replace("<ins>", "").replace("</ins>", "")
    assert "<" not in without_marks and ">" not in without_marks


def test_a_missing_value_is_empty_text_not_none():
    assert word_diff(None, "New") == "<ins>New</ins>"
    assert "None" not in word_diff("Old", None)


def test_rich_text_is_compared_without_markup():
    old = "<p>Hello <strong>world</strong></p>"
    new = "<p>Hello <em>world</em></p>"
    assert word_diff(old, new, html=True) == "Hello world"
    assert not has_changes(old, new, html=True)


def test_plain_text_keeps_paragraphs_and_decodes_entities():
    assert plain_text("<p>Fish &amp; chips</p><ul><li>one</li><li>two</li></ul>") == (
        "Fish & chips\none\ntwo"
    )


def test_context_shortens_long_unchanged_text_around_a_change():
    old = "one two three four five six seven eight nine ten"
    new = old.replace("six", "SIX")
    assert (
        word_diff(old, new, context=2) == "… four five <del>six</del><ins>SIX</ins> seven eight …"
    )
