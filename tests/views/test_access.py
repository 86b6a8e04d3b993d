"""Anonymous visitors see the login page only, unless a setting opens read access."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/")


def test_it_shows_the_login_page_to_anyone(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_it_opens_reading_to_anonymous_visitors_when_the_setting_says_so(client, settings):
    settings.NEWSCLAIMS_PUBLIC_READ = True
    assert client.get("/").status_code == 200


def test_it_shows_a_logged_in_journalist_the_start_page_without_the_review_queue(journalist_client):
    response = journalist_client.get("/")
    assert response.status_code == 200
    assert b"to review" not in response.content


def test_it_shows_an_editor_the_review_queue_size(editor_client):
    response = editor_client.get("/")
    assert response.status_code == 200
    assert b"to review" in response.content
