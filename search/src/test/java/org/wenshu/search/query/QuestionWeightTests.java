package org.wenshu.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.ChineseNormalization;
import org.wenshu.search.analysis.LegalSynonyms;
import org.wenshu.search.analysis.QueryStopwords;

/** Queries asked as questions or told in the first person weigh the dense side more; names and topics do not. */
class QuestionWeightTests {

    static final ChineseAnalysis ANALYSIS = new ChineseAnalysis();
    final QueryStopwords stopwords = new QueryStopwords(ANALYSIS);

    boolean asks(String query) {
        return stopwords.asks(ChineseNormalization.normalize(query));
    }

    @Test
    void questionsAndFirstPersonAccountsAreQuestions() {
        assertThat(asks("公司一直拖着不发工资能找哪个部门")).isTrue();
        assertThat(asks("邻居家的狗咬了人谁负责")).isTrue();
        assertThat(asks("醉驾会不会坐牢")).isTrue();
        assertThat(asks("我被公司辞退了")).isTrue();
        assertThat(asks("網購買到假貨怎麼辦")).as("traditional characters, folded first").isTrue();
        assertThat(asks("工伤认定期限？")).as("a question mark alone").isTrue();
        assertThat(asks("工伤认定期限?")).isTrue();
        assertThat(asks("為甚麼要交社保")).as("甚么 folded from 甚麼").isTrue();
        assertThat(asks("我们小区的垃圾没人管")).isTrue();
    }

    @Test
    void titlesMaximsAndInstitutionsAskingInTheLawsWordsAreNot() {
        assertThat(asks("最高人民法院关于如何认定国有控股、参股股份有限公司中的国有公司、企业人员的解释")).isFalse();
        assertThat(asks("最高人民检察院关于构成嫖宿幼女罪主观上是否需要具备明知要件的解释")).isFalse();
        assertThat(asks("关于人民法院能否对信用证开证保证金采取冻结和扣划措施问题的规定")).isFalse();
        assertThat(asks("非法拘禁 索债 如何定罪")).isFalse();
        assertThat(asks("是否构成自首")).isFalse();
        assertThat(asks("谁主张谁举证")).isFalse();
        assertThat(asks("谁执法谁普法 责任制")).isFalse();
        assertThat(asks("我院 检察建议 回复")).isFalse();
        assertThat(asks("我国 环境保护法")).isFalse();
        assertThat(asks("吗啡 毒品 数量")).isFalse();
    }

    @Test
    void namesTopicsAndWordListsAreNot() {
        assertThat(asks("最高人民法院关于审理民间借贷案件适用法律若干问题的规定")).isFalse();
        assertThat(asks("高法刑诉法解释 2021")).isFalse();
        assertThat(asks("环境污染 公益诉讼 检察机关")).isFalse();
        assertThat(asks("河道非法采砂")).isFalse();
        assertThat(asks("自我保护")).as("我 inside a word is not the speaker").isFalse();
    }

    @Test
    void theDenseWeightIsMultipliedForQuestionsOnly() {
        Ranking ranking = Ranking.standard().withSemantic(1f, true).withQuestionFactor(2f);
        QueryTranslator translator = new QueryTranslator(ANALYSIS, LegalSynonyms.standard(), ranking);
        assertThat(translator.denseWeight(QueryLanguage.parse("欠薪 找哪个部门"))).isEqualTo(2f);
        assertThat(translator.denseWeight(QueryLanguage.parse("欠薪 劳动监察"))).isEqualTo(1f);
        assertThat(translator.denseWeight(QueryLanguage.parse("\"怎么办\" 劳动监察")))
                .as("a quoted phrase is a condition, not a question").isEqualTo(1f);
        assertThat(translator.denseWeight(QueryLanguage.parse("劳动监察 -怎么办")))
                .as("an excluded word is not asked").isEqualTo(1f);
        QueryTranslator plain = new QueryTranslator(ANALYSIS, LegalSynonyms.standard(),
                ranking.withQuestionFactor(1f));
        assertThat(plain.denseWeight(QueryLanguage.parse("欠薪 找哪个部门"))).isEqualTo(1f);
    }
}
