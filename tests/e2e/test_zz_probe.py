import pytest
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_checker_catches_problems(open_tab):
    tab = open_tab()
    tab.visit("/cookies/")
    tab.page.evaluate("""() => {
      const img = document.createElement('img'); img.src = '/static/govuk/assets/images/favicon.svg'; document.querySelector('main').append(img);
      const h = document.createElement('h1'); h.textContent = 'Second'; document.querySelector('main').append(h);
      const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s);
      const i = document.createElement('input'); i.type = 'text'; document.querySelector('main').append(i);
      const p = document.createElement('p'); p.textContent = 'low contrast'; p.style.color = '#ccc'; document.querySelector('main').append(p);
      const l = document.createElement('link'); l.rel='stylesheet'; l.href='/static/missing.css'; document.head.append(l);
    }""")
    tab.page.wait_for_timeout(500)
    tab.check("cookies, broken on purpose")
    print("\n".join(tab.problems))
