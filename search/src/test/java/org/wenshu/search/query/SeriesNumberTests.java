package org.wenshu.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.LegalSynonyms;

/** A number after a kind of document is the number of a series, in the Chinese numerals titles print. */
class SeriesNumberTests {

    final QueryTranslator translator = new QueryTranslator(new ChineseAnalysis(), LegalSynonyms.standard(),
            Ranking.standard());

    @Test
    void digitsAndNumeralsAfterAKindAreASeriesNumber() {
        assertThat(translator.series("公司法解释三")).isEqualTo(new QueryTranslator.Series("公司法解释", "三"));
        assertThat(translator.series("婚姻法司法解释(一)")).isEqualTo(new QueryTranslator.Series("婚姻法司法解释", "一"));
        assertThat(translator.series("婚姻法司法解释（二）")).isEqualTo(new QueryTranslator.Series("婚姻法司法解释", "二"));
        assertThat(translator.series("刑法修正案11").number()).isEqualTo("十一");
        assertThat(translator.series("刑法修正案10").number()).isEqualTo("十");
        assertThat(translator.series("补充规定19").number()).isEqualTo("十九");
        assertThat(translator.series("意见3").number()).isEqualTo("三");
        assertThat(translator.series("刑法修正案十二").number()).isEqualTo("十二");
    }

    @Test
    void otherNumbersStayPartOfTheWord() {
        // An article number (民诉法解释92, 担保制度解释20) and malformed numerals are not series numbers.
        for (String word : new String[] {"第三", "刑法修正案2020", "规定0", "公司法三", "三", "解释一二三四", "解释一二三",
                "规定十十", "解释一十", "民诉法解释92", "担保制度解释20", "第十一条"}) {
            QueryTranslator.Series series = translator.series(word);
            assertThat(series.number()).as(word).isNull();
            assertThat(series.text()).as(word).isEqualTo(word);
        }
    }

    @Test
    void anOrGroupAsksForNoOneNumber() {
        assertThat(translator.seriesNumber(QueryLanguage.parse("公司法解释三 OR 公司法解释四"))).isNull();
        assertThat(translator.seriesNumber(QueryLanguage.parse("公司法解释三 股东"))).isEqualTo("三");
        assertThat(translator.seriesNumber(QueryLanguage.parse("股东 -公司法解释三"))).isNull();
    }

    @Test
    void offWhenTheRankingSaysSo() {
        QueryTranslator off = new QueryTranslator(new ChineseAnalysis(), LegalSynonyms.standard(),
                Ranking.standard().withSeriesNumbers(false));
        assertThat(off.series("公司法解释三")).isEqualTo(new QueryTranslator.Series("公司法解释三", null));
    }
}
