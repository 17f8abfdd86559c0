"""E-mail notifications in the browser: a board member turns one off from the account menu."""

from playwright.sync_api import expect

from members.models import NotificationOptOut


def test_a_board_member_turns_off_the_review_mails_from_the_account_menu(demo, login, live_server, axe):
    page = login("styrelse")
    page.get_by_role("link", name="E-postaviseringar").click()
    expect(page.get_by_role("heading", name="E-postaviseringar")).to_be_visible()
    expect(page.get_by_text("Meddelandena skickas till styrelse@demo.example.")).to_be_visible()
    axe("notification settings")
    page.get_by_label("En rapport delas med styrelsen för granskning").uncheck()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Dina e-postaviseringar sparades.")
    expect(page.get_by_label("En rapport delas med styrelsen för granskning")).not_to_be_checked()
    expect(page.get_by_label("Ett av mina bakgrundsjobb är klart")).to_be_checked()
    assert list(NotificationOptOut.objects.values_list("user__username", "notification")) == [
        ("styrelse", "report_shared")
    ]
