package org.wenshu.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.IssuingFailed;
import org.wenshu.generator.UncoveredCharacters;

class ApiExceptionHandlerTests {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void anUnexpectedFailureIsAGeneric500WithoutItsClassOrMessage() {
        ResponseEntity<ProblemDetail> response = handler.unexpected(
                new IllegalStateException("jdbc:h2:/secret/path password=hunter2"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("urn:wenshu:problem:internal-error");
        assertThat(problem.getDetail()).containsPattern("\\p{IsHan}").doesNotContain("IllegalState", "h2", "hunter2");
        assertThat(problem.getProperties()).isNull();
    }

    @Test
    void aFailedIssuingSaysTheNumberIsVoidButNotWhy() {
        ResponseEntity<ProblemDetail> response = handler.issuingFailed(new IssuingFailed(
                new DocumentNumber("荆检行建", 2026, 7), "对象存储写入失败: S3 connection refused at 10.0.0.1",
                new RuntimeException("S3 connection refused")));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getType().toString()).isEqualTo("urn:wenshu:problem:issuing-failed");
        assertThat(response.getBody().getDetail()).contains("荆检行建〔2026〕7号", "作废").doesNotContain("S3", "10.0.0.1");
    }

    @Test
    void charactersNoFontPrintsAreABadRequestNamingTheField() {
        UncoveredCharacters uncovered = new UncoveredCharacters(List.of(
                new UncoveredCharacters.UncoveredField("person", "当事人", List.of(0x4DB5))));

        ResponseEntity<ProblemDetail> direct = handler.uncovered(uncovered);
        ResponseEntity<ProblemDetail> whileIssuing = handler.issuingFailed(new IssuingFailed(
                new DocumentNumber("荆检行建", 2026, 8), "生成或签署文书失败", uncovered));

        for (ResponseEntity<ProblemDetail> response : List.of(direct, whileIssuing)) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getBody().getType().toString()).isEqualTo("urn:wenshu:problem:uncovered-characters");
            assertThat(response.getBody().getProperties().get("errors").toString()).contains("person", "U+4DB5");
        }
    }

    @Test
    void aWholeNumberTooLargeForItsParameterIsOutOfRangeNotMalformed() throws Exception {
        java.lang.reflect.Method method = Object.class.getMethod("wait", long.class, int.class);
        org.springframework.core.MethodParameter parameter = new org.springframework.core.MethodParameter(method, 1);

        ResponseEntity<ProblemDetail> tooLarge = handler.typeMismatch(new org.springframework.web.method.annotation
                .MethodArgumentTypeMismatchException("99999999999", int.class, "page", parameter, new NumberFormatException()));
        ResponseEntity<ProblemDetail> letters = handler.typeMismatch(new org.springframework.web.method.annotation
                .MethodArgumentTypeMismatchException("abc", int.class, "page", parameter, new NumberFormatException()));

        assertThat(tooLarge.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLarge.getBody().getDetail()).isEqualTo("「page」的值「99999999999」超出范围，须在 -2147483648–2147483647 之间");
        assertThat(letters.getBody().getDetail()).isEqualTo("「page」的值「abc」格式不对，须为整数");
    }

    @Test
    void aDateNoCalendarHasIsSaidNotToExistNotToBeMalformed() throws Exception {
        java.lang.reflect.Method method = Object.class.getMethod("wait", long.class, int.class);
        org.springframework.core.MethodParameter parameter = new org.springframework.core.MethodParameter(method, 1);

        ResponseEntity<ProblemDetail> impossible = handler.typeMismatch(new org.springframework.web.method.annotation
                .MethodArgumentTypeMismatchException("2024-02-30", java.time.LocalDate.class, "date", parameter, null));
        ResponseEntity<ProblemDetail> malformed = handler.typeMismatch(new org.springframework.web.method.annotation
                .MethodArgumentTypeMismatchException("2024/02/03", java.time.LocalDate.class, "date", parameter, null));

        assertThat(impossible.getBody().getDetail()).isEqualTo("「date」的日期「2024-02-30」不存在（该月没有这一天）");
        assertThat(malformed.getBody().getDetail()).contains("格式不对").doesNotContain("不存在");
    }
}
