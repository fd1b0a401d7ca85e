"""The seed page's facts, as content: each appears on the IOM page, with its numbers, names, dates.

Each entry pairs a sentence of the seed (shortened) with the text that must be
on the page for it. The page structures the facts (a key-facts list, a
timeline) rather than pasting paragraphs, so the expected text is what a reader
sees in that structure.
"""

import pytest

from .page_text import main_text

SEED_FACTS = {
    # Paragraph 1: the organization
    "founded in 1951": "Founded 1951",
    "a principal intergovernmental institution": (
        "acts as a principal intergovernmental institution in the area of migration"
    ),
    "173 member states": "Member states 173",
    "a number of countries hold observer status": "A number of countries hold observer status",
    "offices in more than 100 countries": "In more than 100 countries around the world",
    "Vitorino elected Director General in June 2018": (
        "Director General Antonio Vitorino, elected June 2018"
    ),
    # Paragraph 2: areas of work and measures
    "area 1": "migration and development",
    "area 2": "migration assistance",
    "area 3": "migration control",
    "area 4": "forced migration",
    "international law": "promotion of international law in the area of migration",
    "strategy": "discussion and assistance in the strategy development",
    "rights and health": "protection of migrants' rights, migrants' health",
    "gender": "evaluation of migration from the gender point of view",
    # Paragraph 3: frameworks
    "2030 Agenda and Global Compact": (
        "The IOM plays an important role in implementing the UN 2030 Sustainable Development "
        "Agenda and in the context of the Global Compact for Migration."
    ),
    # Paragraph 4: Belarus' cooperation
    "foreign policy priority": (
        "Cooperation with the IOM is a foreign policy priority of the Republic of Belarus."
    ),
    "participating since 1994": "Participating since 1994",
    "agreement ratified 1999": (
        "1999 The Agreement on cooperation between the Government of the Republic of Belarus "
        "and the International Organization for Migration is ratified"
    ),
    "member since 29 November 2005": (
        "Member since 29 November 2005 — During the 90th session of the IOM Council"
    ),
    # Paragraph 5: office and visits
    "office in Minsk, December 1996": (
        "December 1996 The Resident Representative office of the IOM is established in Minsk"
    ),
    # The visits recur: one timeline entry lists their years (see the test below).
    "visits": (
        "IOM senior officials visit Belarus To discuss the present state of cooperation between "
        "the IOM and Belarus and its prospects."
    ),
    # Paragraph 6: coordination
    "coordinated by the Ministry of Internal Affairs": (
        "Coordinated by Ministry of Internal Affairs of the Republic of Belarus"
    ),
    # Paragraph 7: projects
    "projects increased": "The IOM projects implemented in Belarus have increased in recent years.",
    "special attention": "Areas of special attention for IOM projects in Belarus",
    "theme trafficking": "Combating human trafficking",
    "theme border": "Border infrastructure",
    "theme cross-border": "Cross-border cooperation",
    "theme legislation": "Improvement of national migration legislation",
    # Paragraph 8: technical assistance
    "technical assistance": (
        "As part of technical assistance projects on human trafficking, the IOM provides "
        "reintegration assistance to human trafficking victims, medical, psychological and "
        "financial help, provides financial assistance for legal services and special training "
        "courses."
    ),
    # Paragraph 9: the training centre
    "training centre, Minsk, 2007": (
        "With the IOM’s financial assistance, International Training Centre for migration "
        "training and combating trafficking in persons was established in Belarus (Minsk) in 2007."
    ),
    "training centre in the timeline": (
        "2007 The International Training Centre for migration training and combating trafficking "
        "in persons is established in Minsk"
    ),
    # Paragraph 10: the UN agenda and conferences
    "Global Plan of Action": (
        "The IOM consistently supports Belarus’ efforts in promoting the human trafficking agenda "
        "in the UN as well as within the scope of the Global Plan of Action to Combat Human "
        "Trafficking."
    ),
    "conferences in Minsk": (
        "The IOM acts as a principal co-organizer of major conferences on human trafficking and "
        "illegal migration, which have been held in Minsk."
    ),
}


@pytest.mark.parametrize("fact", SEED_FACTS.values(), ids=SEED_FACTS.keys())
def test_seed_fact_appears_on_the_iom_page(iom_page, fact):
    assert fact in main_text(iom_page)


def test_the_training_centre_project_page_says_what_the_centre_does(client, site_content):
    response = client.get("/en/projects/international-training-centre/")
    assert (
        "Along with attracting overseas specialists, this Centre provides training courses for "
        "representatives of national and foreign law enforcement agencies."
    ) in main_text(response.content.decode())


def test_the_footer_offers_all_missions_and_the_foreign_ministry(iom_page):
    assert "Belarusian Diplomatic Missions" in iom_page
    assert '<option value="all">All missions</option>' in iom_page
    assert "Ministry of Foreign Affairs of the Republic of Belarus</option>" in iom_page
    assert ">Go to</button>" in iom_page


def test_the_seed_s_years_of_visits_are_all_on_the_timeline(iom_page):
    timeline = iom_page[iom_page.index('<section id="timeline"') :]
    visits = timeline[: timeline.index("IOM senior officials visit Belarus")]
    visits = visits[visits.rindex('<li class="timeline__item">') :]
    for year in ("2004", "2005", "2007", "2008", "2009"):
        assert f'<time datetime="{year}">{year}</time>' in visits


def test_the_timeline_is_in_date_order(iom_page):
    # Entries by their first date: the visits (2004, 2005, …) before the membership.
    text = main_text(iom_page)
    years = ["1994", "December 1996", "1999", "2004", "29 November 2005", "2007 The International"]
    timeline = text[text.rindex("Timeline") :]
    positions = [timeline.index(year) for year in years]
    assert positions == sorted(positions)


# The same facts in Russian and Belarusian: the fixtures translate the seed, with the
# official names (МОМ / МАМ, the Ministry of Internal Affairs) and the dates in each
# language's grammar. Antonio Vitorino's name has no certain official Belarusian form,
# so the Belarusian page shows it in English, marked as English.
TRANSLATED_FACTS = {
    "ru": [
        "Международная организация по миграции (МОМ)",
        "основанная в 1951 г.",
        "Государства-члены 173",
        "Ряд стран имеет статус наблюдателя",
        "Более чем в 100 странах мира",
        "Генеральный директор Антониу Витторину, дата избрания: июнь 2018 г.",
        "миграция и развитие",
        "вынужденная миграция",
        "Сотрудничество с МОМ является внешнеполитическим приоритетом Республики Беларусь.",
        "Участие с 1994 г.",
        "Дата вступления 29 ноября 2005 г. — В ходе 90-й сессии Совета МОМ",
        "Координирующий орган Министерство внутренних дел Республики Беларусь",
        "декабрь 1996 г. В Минске учреждено Представительство МОМ",
        "2009 г. Высокопоставленные должностные лица МОМ посещают Беларусь",
        "Противодействие торговле людьми",
    ],
    "be": [
        "Міжнародная арганізацыя па міграцыі (МАМ)",
        "заснаваная ў 1951 г.",
        "Дзяржавы-члены 173",
        "Шэраг краін мае статус назіральніка",
        "Больш чым у 100 краінах свету",
        "Генеральны дырэктар Antonio Vitorino",  # then its own element, marked lang="en"
        "дата абрання: чэрвень 2018 г.",
        "міграцыя і развіццё",
        "вымушаная міграцыя",
        "Супрацоўніцтва з МАМ з'яўляецца знешнепалітычным прыярытэтам Рэспублікі Беларусь.",
        "Удзел з 1994 г.",
        "Дата ўступлення 29 лістапада 2005 г. — У ходзе 90-й сесіі Савета МАМ",
        "Каардынацыйны орган Міністэрства ўнутраных спраў Рэспублікі Беларусь",
        "снежань 1996 г. У Мінску заснавана Прадстаўніцтва МАМ",
        "2009 г. Высокапастаўленыя службовыя асобы МАМ наведваюць Беларусь",
        "Супрацьдзеянне гандлю людзьмі",
    ],
}


@pytest.mark.parametrize(
    ("language", "fact"),
    [(language, fact) for language, facts in TRANSLATED_FACTS.items() for fact in facts],
)
def test_seed_fact_appears_on_the_iom_page_in_russian_and_belarusian(
    client, site_content, language, fact
):
    page = client.get(f"/{language}/organizations/iom/").content.decode()
    assert fact in main_text(page)


def test_a_name_without_a_certain_belarusian_form_is_shown_in_english_marked_as_such(
    client, site_content
):
    page = client.get("/be/organizations/iom/").content.decode()
    assert '<span lang="en">Antonio Vitorino</span>' in page


def test_the_timeline_reads_in_date_order_in_every_language(client, site_content):
    years = {
        "ru": ["1994 г.", "декабрь 1996 г.", "1999 г.", "2004 г.", "29 ноября 2005 г."],
        "be": ["1994 г.", "снежань 1996 г.", "1999 г.", "2004 г.", "29 лістапада 2005 г."],
    }
    for language, dates in years.items():
        text = main_text(client.get(f"/{language}/organizations/iom/").content.decode())
        timeline = text[text.rindex(dates[0]) - 200 :]
        positions = [timeline.index(date) for date in dates]
        assert positions == sorted(positions), language
