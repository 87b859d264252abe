"""Sources the article names indirectly: an aide by his president's country adjective, two
countries and their leaders in the same order, a statement carried by a newspaper, an account
given rather than said. Countries, people and outlets are made up."""

from __future__ import annotations

from readout_tui.core.io.article import attribute_text
from readout_tui.testing import article_sides as sides

RUSSIAN = """Плекши и Мускар обсудили границу
Президенты Бордурии и Сильдавии Курт Плекши и Антон Мускар поговорили по телефону во вторник.
Беседа прошла по инициативе сильдавской стороны, сообщил журналистам помощник бордурского президента Игорь Зорин.
По словам Зорина, разговор был откровенным.
Мускар написал в своем канале, что в разговоре с Плекши предложил создать совместную комиссию.
"""


def test_an_aide_named_by_his_presidents_country_adjective_speaks_for_that_country():
    # The countries come before their leaders, in the same order: Бордурия is Плекши's, so
    # "помощник бордурского президента" is his aide, though "журналистам" (those told) is a
    # third party's word; his name alone then stays his side's.
    assert sides(RUSSIAN) == ["neither", "neither", "left", "left", "right"]


CARRIED = """Rowan dan Vask bertelepon untuk pertama kalinya
Presiden Freedonia Ana Rowan melakukan percakapan telepon dengan Perdana Menteri Sylvania Olaf Vask, Kamis.
Menurut layanan pers Rowan, panggilan tersebut dilakukan atas prakarsa pihak Sylvania.
Menurut keterangan resmi Sylvania yang dimuat harian Kroner Post, Perdana Menteri Vask dan Presiden Rowan berkonsultasi mengenai kerja sama bilateral.
"""


def test_a_statement_carried_by_a_newspaper_is_its_governments_not_the_papers():
    attribution = attribute_text(CARRIED)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "right"]
    assert attribution.right_label == "Sylvania"


GIVEN = """Rowan and Vask discuss fishing rights
Freedonian President Ana Rowan spoke with Sylvanian Prime Minister Olaf Vask on Monday.
Rowan's office said the two leaders had agreed to resume talks on fishing rights.
Vask gave his own account of the call on social media, announcing a joint commission on quotas.
"""


def test_an_account_given_is_a_statement_of_its_giver():
    assert sides(GIVEN) == ["neither", "neither", "left", "right"]


REPORTED = """Rowan berated Vask in tense call, report says
Freedonian President Ana Rowan attacked the refugee deal during her phone call with Sylvanian Prime Minister Olaf Vask, according to The Kroner Post.
Mr Vask said afterwards that the call had been constructive.
According to the Post, Ms Rowan complained that the deal would hurt her politically.
The Freedonian presidency said the two leaders had agreed to keep working on the deal.
"""


def test_a_newspaper_reporting_one_leader_speaks_for_no_side():
    # The paper's statements report Rowan speaking, which once made it her side's source and
    # the label of her pane.
    attribution = attribute_text(REPORTED)
    _, reported, vask, reported_again, presidency = (s.side.value for s in attribution.statements)
    assert (reported, reported_again) == ("neither", "neither")
    assert {vask, presidency} == {"left", "right"}
    assert "Post" not in attribution.left_label + attribution.right_label


CARRIED_BY_PAPER = """Rowan dan Vask bertelepon soal perbatasan
Presiden Freedonia Ana Rowan melakukan percakapan telepon dengan Perdana Menteri Sylvania Olaf Vask, Kamis.
Gedung Putih Freedonia mengatakan Rowan mendesak Vask menarik pasukan dari perbatasan.
Sementara itu, menurut kantor Vask sebagaimana dilaporkan New York Times, kedua pemimpin sepakat melanjutkan pembicaraan.
"""


def test_a_source_carried_by_a_newspaper_keeps_its_side():
    # The paper named after the source only carries its words: "Times" is a third party, not
    # the source of the statement.
    _, _, rowan, vask = (s.side.value for s in attribute_text(CARRIED_BY_PAPER).statements)
    assert {rowan, vask} == {"left", "right"}
