package org.wenshu.archive.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.Unit;

/**
 * The office's work-point sheet (工作要点清单.xlsx): the first worksheet, an optional title row, then a header row with
 * the columns 序号, 工作要点, 具体内容 (or 描述), 牵头单位, 配合单位, 完成时限 in any order, then one point per row.
 * Units are written by short or full name separated by 、 or commas, {@code 各成员单位} for all member units; the
 * deadline is a date cell, a date as text, or a frequency (全年至少开展2次). Read with POI's zip-bomb guard on.
 */
public final class WorkPointSheet {

    static {
        // An XLSX is a zip: an entry that inflates more than 100-fold, or past 100 MB, is a zip bomb, not a list.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    /** The header of each column as written on export. */
    public static final List<String> HEADERS = List.of("序号", "工作要点", "具体内容", "牵头单位", "配合单位", "完成时限");
    static final int MAX_ROWS = 2000;

    private WorkPointSheet() {
    }

    /** The rows read: drafts with their Excel row numbers, and problems found while reading (unreadable 序号). */
    record Rows(List<ItemDraft> drafts, List<Integer> rows, List<RowProblem> problems) {
    }

    static Rows read(byte[] xlsx) {
        if (xlsx == null || xlsx.length == 0) {
            throw new RequestInvalid("上传的清单文件为空");
        }
        try {
            FileMagic magic = FileMagic.valueOf(new ByteArrayInputStream(xlsx));
            if (magic == FileMagic.OLE2) {
                throw new RequestInvalid("清单文件是旧版 .xls 格式或受密码保护：请在表格软件中另存为不加密的 .xlsx 再导入");
            }
            if (magic != FileMagic.OOXML) {
                throw new RequestInvalid("清单文件不是有效的 .xlsx 工作簿");
            }
        } catch (IOException e) {
            throw new RequestInvalid("清单文件无法读取");
        }
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            return read(workbook.getSheetAt(0));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RequestInvalid invalid) {
                throw invalid;
            }
            throw new RequestInvalid("清单文件不是有效的 .xlsx 工作簿（" + e.getClass().getSimpleName() + "）");
        }
    }

    private static Rows read(Sheet sheet) {
        DataFormatter format = new DataFormatter();
        Map<String, Integer> columns = null;
        int headerRow = -1;
        for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + 10); r++) {
            Map<String, Integer> found = header(sheet.getRow(r), format);
            if (found.containsKey("序号") && found.containsKey("工作要点")) {
                columns = found;
                headerRow = r;
                break;
            }
        }
        if (columns == null) {
            throw new RequestInvalid("没有找到表头行：表头须含「序号」「工作要点」「牵头单位」「完成时限」列（可另有「具体内容」「配合单位」）");
        }
        Map<String, Integer> header = columns;
        List<String> missing = List.of("牵头单位", "完成时限").stream().filter(c -> !header.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new RequestInvalid("表头（第 " + (headerRow + 1) + " 行）缺少列：" + String.join("、", missing));
        }
        if (sheet.getLastRowNum() - headerRow > MAX_ROWS) {
            throw new RequestInvalid("清单超过 " + MAX_ROWS + " 行");
        }
        List<ItemDraft> drafts = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> column : columns.entrySet()) {
                values.put(column.getKey(), text(row == null ? null : row.getCell(column.getValue()), format));
            }
            if (values.values().stream().allMatch(String::isBlank)) {
                continue;
            }
            int excelRow = r + 1;
            int number = number(values.get("序号"));
            if (number < 1) {
                problems.add(new RowProblem(excelRow, "序号", values.get("序号").isBlank() ? "缺少序号"
                        : "序号「" + values.get("序号") + "」不是正整数"));
                number = 0;
            }
            drafts.add(new ItemDraft(number, values.get("工作要点"), values.getOrDefault("具体内容", ""),
                    values.get("牵头单位"), List.of(values.getOrDefault("配合单位", "")), values.get("完成时限")));
            rows.add(excelRow);
        }
        // Rows with an unreadable 序号 are checked for their other columns too, with a number that cannot clash.
        List<ItemDraft> numbered = new ArrayList<>();
        Set<Integer> bad = new HashSet<>();
        problems.forEach(p -> bad.add(p.row()));
        for (int i = 0; i < drafts.size(); i++) {
            ItemDraft d = drafts.get(i);
            numbered.add(bad.contains(rows.get(i)) ? new ItemDraft(Integer.MAX_VALUE - i, d.title(), d.description(),
                    d.leadUnit(), d.coUnits(), d.deadline()) : d);
        }
        return new Rows(numbered, rows, problems);
    }

    private static Map<String, Integer> header(Row row, DataFormatter format) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        if (row == null) {
            return columns;
        }
        for (Cell cell : row) {
            String name = format.formatCellValue(cell).replaceAll("\\s", "");
            String key = name.equals("序号") ? "序号"
                    : name.startsWith("工作要点") || name.equals("要点") || name.equals("标题") ? "工作要点"
                    : name.contains("具体内容") || name.contains("描述") || name.equals("内容") ? "具体内容"
                    : name.contains("牵头") ? "牵头单位"
                    : name.contains("配合") ? "配合单位"
                    : name.contains("时限") || name.contains("期限") ? "完成时限" : null;
            if (key != null) {
                columns.putIfAbsent(key, cell.getColumnIndex());
            }
        }
        return columns;
    }

    private static String text(Cell cell, DataFormatter format) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        if (type == CellType.NUMERIC) {
            double value = cell.getNumericCellValue();
            if (value == Math.rint(value) && Math.abs(value) < 1e9) {
                return Long.toString((long) value);
            }
        }
        return format.formatCellValue(cell).strip();
    }

    private static int number(String text) {
        String value = text.strip().replaceAll("[、.．,，)）]$", "").strip();
        if (value.isEmpty()) {
            return 0;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 6 ? 0 : Integer.parseInt(value);
        }
        return Deadline.numeral(value);
    }

    /** The list as a sheet in the office's shape: title row, header row, one point per row. */
    static byte[] write(ItemList list, List<TrackedItem> items, List<Unit> members) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("工作要点");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle heading = workbook.createCellStyle();
            heading.setFont(bold);
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(list.title());
            title.getCell(0).setCellStyle(heading);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));
            Row header = sheet.createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                header.createCell(c).setCellValue(HEADERS.get(c));
                header.getCell(c).setCellStyle(heading);
            }
            int r = 2;
            for (TrackedItem item : items) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(item.number());
                row.createCell(1).setCellValue(item.title());
                row.createCell(2).setCellValue(item.description());
                row.getCell(2).setCellStyle(wrap);
                row.createCell(3).setCellValue(item.lead().shortName());
                row.createCell(4).setCellValue(coUnits(item, members));
                if (item.deadline().frequency().isPresent()) {
                    row.createCell(5).setCellValue(item.deadline().frequency().get());
                } else {
                    Cell cell = row.createCell(5);
                    cell.setCellValue(item.deadline().dueDate());
                    cell.setCellStyle(date);
                }
            }
            int[] widths = {6, 30, 60, 12, 30, 18};
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 2 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 各成员单位} when the co-operating units are every member unit but the lead, else their short names. */
    static String coUnits(TrackedItem item, List<Unit> members) {
        Set<String> co = new HashSet<>(item.coUnits().stream().map(Unit::id).toList());
        Set<String> others = new HashSet<>(members.stream().map(Unit::id).filter(id -> !id.equals(item.lead().id())).toList());
        if (co.size() > 1 && co.equals(others)) {
            return Drafts.ALL_MEMBERS;
        }
        return String.join("、", item.coUnits().stream().map(Unit::shortName).toList());
    }
}
