"""A refused quote or rate reads in the reader's language on the pages (no English left on ru
and zh pages), while the JSON API keeps the service's English message."""

from __future__ import annotations

import html
from datetime import date

import pytest
from flask.testing import FlaskClient

from catalog.errors import CatalogError, Conflict
from catalog.web.quote_problems import quote_problem_text

from .conftest import TERMS, token

# lang -> what the page says instead of the service's English
SAID = {
    "ru": {
        "stale": "Предложение (или его заказ) изменилось после версии 7",
        "no approval": "Это предложение не требует согласования: отправьте его.",
        "approval": "Согласование",
        "not needed": "не требуется",
        "asked": "Согласование уже запрошено",
        "done": "уже сделано",
        "above": "Скидка 5 % превышает 3 %",
        "required": "требуется, не запрошено",
        "rate": "Курс не сохранён",
        "rate label": "Курс (1 CNY =)",
        "rate detail": "десятичное число больше 0 и не больше 1000000",
        "valid_until": "Действительно до",
        "before quote date": "не может быть раньше даты предложения",
    },
    "zh": {
        "stale": "报价（或其订单）在版本 7 之后已被修改",
        "no approval": "此报价无需审批：请直接发送。",
        "approval": "审批",
        "not needed": "无需审批",
        "asked": "已申请审批",
        "done": "已完成",
        "above": "折扣 5 % 超过 3 %",
        "required": "需要审批，尚未申请",
        "rate": "汇率未保存",
        "rate label": "汇率（1 CNY =）",
        "rate detail": "大于 0 且不超过 1000000 的小数",
        "valid_until": "有效期至",
        "before quote date": "不得早于报价日期",
    },
}
ENGLISH = [
    "has changed since version",
    "needs no approval",
    "not needed",
    "approval already",
    "is above",
    "the rate was not stored",
    "a decimal number above 0",
    "valid_until",
    "must not be before the quote date",
    "the quote was not stored",
]


def problem(response) -> str:
    """The text of the page's error box."""
    text = html.unescape(response.text)
    start = text.index('data-testid="problem"')
    return text[start : text.index("</div>", start)]


def act(client: FlaskClient, quote_id: int, lang: str, **data: str):
    page = client.get(f"/quotes/{quote_id}", query_string={"lang": lang})
    form = {"version": "1", "csrf_token": token(page.text), **data}
    return client.post(f"/quotes/{quote_id}", data=form, query_string={"lang": lang})


def no_english(box: str) -> None:
    assert [words for words in ENGLISH if words in box] == []


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_stale_version_is_told_in_the_readers_language(login, draft, lang):
    quote = draft()
    refused = act(login("sales"), quote["id"], lang, action="save", version="7", **TERMS)
    assert refused.status_code == 409
    box = problem(refused)
    assert SAID[lang]["stale"] in box
    no_english(box)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_an_approval_not_needed_is_told_in_the_readers_language(login, draft, lang):
    said = SAID[lang]
    client = login("sales")
    plain = draft()
    refused = act(client, plain["id"], lang, action="ask", reason="fleet deal")
    assert refused.status_code == 409
    box = problem(refused)
    assert said["no approval"] in box
    assert f"<strong>{said['approval']}</strong>: {said['not needed']}" in box
    no_english(box)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_discount_above_the_limit_and_an_approval_asked_twice_are_told_translated(
    login, draft, lang
):
    said = SAID[lang]
    quote = draft(line_discount_pct="5")
    client = login("sales")
    refused = act(client, quote["id"], lang, action="send")
    assert refused.status_code == 409
    box = problem(refused)
    assert said["above"] in box and said["required"] in box
    no_english(box)
    assert act(client, quote["id"], lang, action="ask", reason="fleet deal").status_code == 303
    again = act(client, quote["id"], lang, action="ask", reason="fleet deal")
    assert again.status_code == 409
    box = problem(again)
    assert said["asked"] in box and f"<strong>{said['approval']}</strong>: {said['done']}" in box
    no_english(box)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_bad_rate_is_told_in_the_readers_language(login, count_rows, lang):
    client = login("admin")
    page = client.get("/rates", query_string={"lang": lang})
    form = {"action": "add", "currency": "USD", "valid_from": date.today().isoformat(),
            "rate": "abc", "source": "test figure", "csrf_token": token(page.text)}  # fmt: skip
    refused = client.post("/rates", data=form, query_string={"lang": lang})
    assert refused.status_code == 422
    box = problem(refused)
    said = SAID[lang]
    assert said["rate"] in box and said["rate label"] in box and said["rate detail"] in box
    no_english(box)
    assert count_rows("exchange_rates") == 0


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_bad_term_on_the_new_quote_page_is_named_by_its_label(login, order, add_rate, lang):
    add_rate()
    client = login("sales")
    page = client.get(f"/orders/{order['id']}/quotes/new", query_string={"lang": lang})
    bad = TERMS | {"quote_date": "2026-06-10", "valid_until": "2026-06-01",
                   "csrf_token": token(page.text)}  # fmt: skip
    refused = client.post(
        f"/orders/{order['id']}/quotes/new", data=bad, query_string={"lang": lang}
    )
    assert refused.status_code == 422
    box = problem(refused)
    said = SAID[lang]
    assert f"<strong>{said['valid_until']}</strong>: {said['before quote date']}" in box
    no_english(box)


def test_the_json_api_keeps_the_english_message(client, headers, draft):
    quote = draft()
    response = client.post(
        f"/api/v1/quotes/{quote['id']}/approval-request",
        json={"version": 1, "reason": "fleet deal"},
        headers=headers("sales") | {"Accept-Language": "ru"},
        query_string={"lang": "ru"},
    )
    assert response.status_code == 409
    assert response.json["message"] == "this quote needs no approval: send it"
    assert response.json["errors"] == {"approval": ["not needed"]}


def test_an_unknown_message_is_shown_as_it_came(app):
    with app.test_request_context("/quotes/1", query_string={"lang": "ru"}):
        app.preprocess_request()
        assert quote_problem_text(CatalogError("a message nobody listed")) == (
            "a message nobody listed"
        )
        known = Conflict("this quote needs no approval", {"approval": ["not needed"]})
        assert quote_problem_text(known) == "Это предложение не требует согласования."
