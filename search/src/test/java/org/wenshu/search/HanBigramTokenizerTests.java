package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.ChineseAnalysis.Token;

class HanBigramTokenizerTests {

    private final ChineseAnalysis analysis = new ChineseAnalysis();

    private List<Token> tokens(String text) {
        return ChineseAnalysis.tokens(analysis.bigrams(), "body", text);
    }

    @Test
    void splitsChineseIntoOverlappingBigrams() {
        assertThat(tokens("检察建议书")).containsExactly(new Token("检察", 0), new Token("察建", 1),
                new Token("建议", 2), new Token("议书", 3));
    }

    @Test
    void leavesAPositionGapAtPunctuationSoNoBigramOrPhraseSpansIt() {
        assertThat(tokens("检察。察建议")).containsExactly(new Token("检察", 0), new Token("察建", 2),
                new Token("建议", 3));
    }

    @Test
    void joinsAcrossALineBreakButNotAcrossABlankLine() {
        assertThat(tokens("检察\n建议")).extracting(Token::text).containsExactly("检察", "察建", "建议");
        assertThat(tokens("检察\n\n建议")).containsExactly(new Token("检察", 0), new Token("建议", 2));
    }

    @Test
    void foldsFullWidthLatinAndKeepsNumbersWhole() {
        assertThat(tokens("ＧＢ２７６０－２０１４标准")).extracting(Token::text)
                .containsExactly("gb2760", "2014", "标", "标准");
    }

    @Test
    void standsEdgeCharactersNextToDigitsAloneSoMixedPhrasesMatch() {
        assertThat(tokens("关于第12号决定")).containsExactly(new Token("关于", 0), new Token("于第", 1),
                new Token("第", 2), new Token("12", 3), new Token("号", 4), new Token("号决", 4), new Token("决定", 5));
        assertThat(tokens("第12号")).containsExactly(new Token("第", 0), new Token("12", 1), new Token("号", 2));
    }

    @Test
    void emitsALoneCharacterAsItself() {
        assertThat(tokens("税、费")).containsExactly(new Token("税", 0), new Token("费", 2));
    }
}
