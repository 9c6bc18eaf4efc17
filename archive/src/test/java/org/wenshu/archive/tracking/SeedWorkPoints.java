package org.wenshu.archive.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The 2024 work points (2024年“府检联动”工作要点) of the seed notice (荆门市人民政府, 关于建立荆门市常态化“府检联动”工作机制的
 * 通知), without the advertising injected into the page. The notice names the responsible units (责任单位) of each
 * point; the first is taken as the lead unit (牵头单位), and for the points assigned to every member unit the
 * procuratorate (where the office sits) leads. The notice fixes no dates: the points are due by the end of the year
 * (年底前), point 13 is the notice's own frequency (全年至少开展2次).
 *
 * <p>{@code main} writes {@code src/test/resources/workpoints/2024-work-points.xlsx}, the sample committed beside
 * the tests, in the office's shape — independently of {@link WorkPointSheet}'s writer so that the import is tested
 * against a sheet it did not produce.
 */
final class SeedWorkPoints {

    static final String TITLE = "2024年“府检联动”工作要点";

    static final List<ItemDraft> POINTS = List.of(
            point(1, "细化涉企法治服务保障措施", "加强对涉企诉讼活动的法律监督，贯彻宽严相济刑事政策，强化信息互通、力量联合，畅通案件线索移送渠道，继续开展涉民企案件挂案清理和立案监督活动，及时纠正以刑事手段插手经济纠纷问题，坚决惩治侵犯企业家人身权、财产权等违法犯罪行为。", "市检察院", "市公安局、市司法局", "年底前"),
            point(2, "深入推进涉案企业合规工作", "健全完善企业合规第三方监督管理机制，加紧出台保障协作办法，为企业合规提供制度保障。", "市检察院", "", "年底前"),
            point(3, "建立涉企社区矫正对象依法行使经营权保障制度", "规范实施外出社区矫正对象的审批管理工作，依法保障涉企社区矫正对象行使企业经营权和管理权，保障企业正常经营。", "市检察院", "市司法局", "年底前"),
            point(4, "建立行刑衔接工作议事协调机构", "构建市级行刑衔接工作议事协调机制，明确工作职责，制定工作目标和任务清单，细化行刑衔接相关制度。", "市检察院", "市司法局", "年底前"),
            point(5, "推进行刑衔接共享平台建设使用和数据共享", "通过行政执法信息数据和检察监督数据共建、共享、共商，推动数字政府和法治政府建设，持续提升社会治理效能。", "市检察院", "市司法局、市政数局", "年底前"),
            point(6, "加强侦查监督与协作配合", "落实全省侦查监督与协作配合机制推进会精神，着力破解影响与制约侦查监督与协作配合机制高效运行的难点堵点问题。", "市检察院", "市公安局", "年底前"),
            point(7, "健全公益诉讼线索移送机制", "制定线索移送工作规程或指引，探索建立行政执法信息数据共享、互联互通，为开展公益诉讼配置或者开放行政执法查询权限。行政机关认真评估日常执法中发现的问题线索，对可能涉及损害国家利益、社会公共利益且属于检察公益诉讼办案领域的，及时移交检察机关作为公益诉讼案件线索处理。", "市检察院", "各成员单位", "年底前"),
            point(8, "推进未成年人综合保护", "规范落实社会调查、心理测评、法律援助等特殊司法保护要求。开展强制报告“每案必查”情况抽查，做实反向审视，对不报告造成严重后果的依法监督追责。落实密切接触未成年人行业人员入职查询制度及执行从业禁止规定。", "市检察院", "市教育局、市公安局、市卫健委", "年底前"),
            point(9, "加强行政违法监督", "建立检察机关与行政机关行政违法线索发现和移送工作机制，定期商讨有关情况，研究制定工作措施。通过走访座谈、执法数据调取、重点案件调阅等，开展“全面深化行政检察监督依法护航民生民利”专项活动。", "市检察院", "各成员单位", "年底前"),
            point(10, "规范行政应诉、行政复议答复工作", "依法贯彻落实行政机关负责人出庭应诉和行政复议听证制度，杜绝“告官不见官”现象，确保出庭应诉率100%，构建行政机关和利害关系人平等交流沟通的法治平台。", "市检察院", "各成员单位", "年底前"),
            point(11, "健全行政争议实质性化解机制", "检察机关在办案中主动同行政机关沟通协调，与司法行政机关共同搭建行政案件信息共享平台，综合运用领导包案、挂牌督办、公开听证、司法救助等手段，促进行政争议实质性化解。推深做实“检察蓝”助力解决农民工讨薪问题专项行动。", "市检察院", "市司法局、市政数局、市人社局、市乡村振兴局、市民政局、市农业农村局", "年底前"),
            point(12, "加强依法行政共性问题研究", "针对房屋征收、土地执法、环境保护等行政执法矛盾集中领域，检察机关与行政机关联合开展专题调研，找准问题症结，推动源头治理。", "市检察院", "各成员单位", "年底前"),
            point(13, "组织开展同堂培训", "以行政执法人员、行政应诉单位人员、领导小组各成员单位联络员、检察官、政府法律顾问等为重点，互派人员参加岗位培训和业务交流活动。", "市检察院", "市司法局", "全年至少开展2次"));

    private SeedWorkPoints() {
    }

    private static ItemDraft point(int number, String title, String description, String lead, String co, String deadline) {
        return new ItemDraft(number, title, description, lead, co.isEmpty() ? List.of() : List.of(co), deadline);
    }

    /** A sheet in the office's shape: a title row, the header row, one point per row, as the office types it. */
    static byte[] sheet(List<ItemDraft> points) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("2024年工作要点");
            sheet.createRow(0).createCell(0).setCellValue(TITLE);
            Row header = sheet.createRow(1);
            String[] headers = {"序号", "工作要点", "具体内容/描述", "牵头单位", "配合单位", "完成时限"};
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            int r = 2;
            for (ItemDraft point : points) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(point.number());
                row.createCell(1).setCellValue(point.title());
                row.createCell(2).setCellValue(point.description());
                row.createCell(3).setCellValue(point.leadUnit());
                row.createCell(4).setCellValue(String.join("、", point.coUnits()));
                row.createCell(5).setCellValue(point.deadline());
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the committed sample: {@code java … SeedWorkPoints archive/src/test/resources/workpoints/2024-work-points.xlsx}. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), sheet(POINTS));
    }
}
