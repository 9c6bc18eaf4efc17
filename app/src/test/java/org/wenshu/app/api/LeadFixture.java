package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.wenshu.app.api.ApiClient.Auth;

/**
 * The leads the API tests share, made once through the API: agency A (荆门市司法局) files them with 荆门市人民检察院;
 * {@code concluded} has gone through every step (with an attachment and a result file), {@code filed} waits for
 * 受理, {@code acknowledged} for the decision and {@code decided} for the result.
 */
final class LeadFixture {

    static final String TITLE = "关于某化工企业向漳河违规排放废水的线索（甲）";

    private static LeadFixture instance;
    private static ApiFixture owner;

    final Map<String, Object> concluded;
    final Map<String, Object> filed;
    final Map<String, Object> acknowledged;
    final Map<String, Object> decided;

    static synchronized LeadFixture of(ApiIntegrationTest test) {
        ApiFixture f = test.fixture();
        if (instance == null || owner != f) {
            instance = new LeadFixture(test.api(), f);
            owner = f;
        }
        return instance;
    }

    private LeadFixture(ApiClient api, ApiFixture f) {
        String id = id(file(api, f.agencyA, TITLE, List.of(new ApiClient.FilePart("现场检查笔录.pdf", "application/pdf",
                ApiIntegrationTest.pdf("inspection record")))));
        ok(api.json("POST", "/api/v1/leads/" + id + "/acknowledgement", f.prosecutor, Map.of()));
        ok(api.json("POST", "/api/v1/leads/" + id + "/decision", f.prosecutor, Map.of("decision", "立案")));
        concluded = ok(api.multipart("/api/v1/leads/" + id + "/result", f.prosecutor,
                Map.of("result", "已立案并向企业所在地生态环境部门发出诉前检察建议。"),
                List.of(new ApiClient.FilePart("检察建议书.pdf", "application/pdf", ApiIntegrationTest.pdf("suggestion")))));
        filed = file(api, f.agencyA, "关于某工地扬尘污染的线索（待受理）", List.of());
        acknowledged = file(api, f.agencyA, "关于某加油站油气回收的线索（待决定）", List.of());
        acknowledged.putAll(ok(api.json("POST", "/api/v1/leads/" + id(acknowledged) + "/acknowledgement", f.prosecutor, Map.of())));
        decided = file(api, f.agencyA, "关于某养殖场粪污直排的线索（待反馈）", List.of());
        ok(api.json("POST", "/api/v1/leads/" + id(decided) + "/acknowledgement", f.prosecutor, Map.of()));
        decided.putAll(ok(api.json("POST", "/api/v1/leads/" + id(decided) + "/decision", f.prosecutor,
                Map.of("decision", "不立案", "reason", "企业已整改完毕，公益损害已消除"))));
    }

    static Map<String, Object> file(ApiClient api, Auth agency, String title, List<ApiClient.FilePart> files) {
        ApiClient.Reply reply = api.multipart("/api/v1/leads", agency, Map.of("type", "公益诉讼线索", "title", title,
                "facts", "执法检查发现该企业夜间通过暗管向漳河排放未经处理的生产废水，水体明显发黑。",
                "domain", "生态环境和资源保护", "legalBasis", "《中华人民共和国水污染防治法》第三十九条",
                "receivingUnit", "荆门市人民检察院"), files);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return new java.util.LinkedHashMap<>(reply.json());
    }

    static String id(Map<String, Object> json) {
        return (String) json.get("id");
    }

    private static Map<String, Object> ok(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
