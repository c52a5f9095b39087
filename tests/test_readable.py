"""Amounts, phone numbers and account numbers kept on one line: where in a page they are wrapped, and where not."""

from __future__ import annotations

from bkm_site.core.readable import keep_together

W = '<span class="bkm-nowrap">'


def test_body_text_is_wrapped_and_everything_else_left_as_it_is():
    page = (
        "<html><head><title>Rp 5.000</title><style>a::after{content:'Rp 1'}</style></head>"
        '<body><p title="Rp 10.000">Dana Rp 75.000.000 dan Rp 1,2 M.</p>'
        "<!-- Rp 9.000 --><svg><g><svg><text>Rp 7</text></svg>Rp 8</g></svg><svg/>"
        "<p>Telepon +62 812-2000-0808 atau (022) 780 1234, rekening 0012345678901.</p>"
        "<pre><code>Rp 3.000</code></pre><script>var x = 'Rp 4';</script><p>−Rp 1.200 </p></body></html>"
    )
    expected = (
        "<html><head><title>Rp 5.000</title><style>a::after{content:'Rp 1'}</style></head>"
        f'<body><p title="Rp 10.000">Dana {W}Rp 75.000.000</span> dan {W}Rp 1,2 M</span>.</p>'
        "<!-- Rp 9.000 --><svg><g><svg><text>Rp 7</text></svg>Rp 8</g></svg><svg/>"
        f"<p>Telepon {W}+62 812-2000-0808</span> atau {W}(022) 780 1234</span>, rekening {W}0012345678901</span>.</p>"
        f"<pre><code>Rp 3.000</code></pre><script>var x = 'Rp 4';</script><p>{W}−Rp 1.200</span> </p></body></html>"
    )
    assert keep_together(page, exact=["0012345678901", None]) == expected


def test_a_fragment_without_body_is_all_text():
    assert keep_together("<td>Rp 50.000</td><td>Rp 850 rb</td>") == (
        f"<td>{W}Rp 50.000</span></td><td>{W}Rp 850 rb</span></td>"
    )


def test_an_account_number_that_is_not_a_phone_pattern_is_wrapped_as_given():
    assert keep_together("<body><p>No. 1-2-3 dan 77</p></body>", exact=["1-2-3"]) == (
        f"<body><p>No. {W}1-2-3</span> dan 77</p></body>"
    )
