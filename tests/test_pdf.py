"""The collector's thresholds while documents render (finsam.pdf.fewer_collections)."""

import gc
import threading

import pytest

from finsam import pdf


@pytest.fixture(autouse=True)
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_while_a_document_renders_the_collector_runs_less_often_and_is_restored_after():
    with pdf.fewer_collections():
        assert gc.get_threshold() == pdf.RENDERING_THRESHOLDS
        assert gc.isenabled()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_failed_render_restores_the_thresholds():
    with pytest.raises(ValueError), pdf.fewer_collections():
        raise ValueError("the template failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_renders_in_two_threads_restore_the_thresholds_only_when_both_are_done():
    first_inside, second_done, seen = threading.Event(), threading.Event(), []

    def first():
        with pdf.fewer_collections():
            first_inside.set()
            second_done.wait(5)
            seen.append(gc.get_threshold())  # the second thread has left, this one has not

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with pdf.fewer_collections():
        pass
    second_done.set()
    thread.join(5)
    assert seen == [pdf.RENDERING_THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_document_still_renders():
    data = pdf.render_pdf(
        "documents/base.html",
        pdf.page_context(name="Samordningsförbundet Norr", organisation_number="2222222222"),
    )
    assert data.startswith(b"%PDF")
    assert gc.get_threshold() == (700, 10, 10)
