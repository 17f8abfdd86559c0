"""The garbage collector while documents render (finsam.pdf.fewer_collections) and after."""

import gc
import threading

import pytest
from django.urls import reverse
from django_tasks import task

from finsam import pdf


@pytest.fixture(autouse=True)
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    pdf.collect_put_off_garbage()  # nothing left over from another test
    yield
    gc.set_threshold(*before)


@pytest.fixture
def full_collections():
    """How many full collections (generation 2) have run since the fixture started."""
    made = []

    def count(phase, info):
        if phase == "stop" and info["generation"] == 2:
            made.append(1)

    gc.callbacks.append(count)
    yield made
    gc.callbacks.remove(count)


def big_render():
    """As many objects alive at once as a long report's boxes: the young generation fills often."""
    with pdf.fewer_collections():
        boxes = [[index] for index in range(700_000)]
    return len(boxes)


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


@pytest.mark.django_db
def test_after_a_big_render_the_full_collection_waits_until_the_response_has_gone(full_collections, client):
    big_render()
    assert full_collections == []
    client.get(reverse("login"))  # the response is sent, then request_finished
    assert full_collections
    assert pdf.collect_put_off_garbage() is False  # nothing is left due


@task()
def render_in_the_background():
    big_render()


def test_after_a_big_render_in_a_background_job_the_collection_is_made_when_it_is_done(full_collections):
    render_in_the_background.enqueue()  # the immediate backend of the tests runs it here
    assert full_collections
    assert pdf.collect_put_off_garbage() is False


def test_a_small_render_leaves_the_collector_to_its_own_rhythm(full_collections):
    with pdf.fewer_collections():
        pass
    assert pdf.collect_put_off_garbage() is False
    assert full_collections == []
