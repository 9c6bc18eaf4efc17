package org.wenshu.batch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.wenshu.batch.FileContent;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The first sheet of an XLSX workbook, streamed with POI's SAX event API so that a huge sheet is refused after
 * {@code maxRows} rows without being held in memory. POI's zip-bomb guard (minimum inflate ratio, maximum entry
 * size) is on, its XML parsers refuse DTDs and external entities, and an encrypted (password-protected) workbook is
 * refused with a message.
 */
final class XlsxList {

    static {
        // An XLSX is a zip: an entry that inflates more than 100-fold, or past 100 MB, is a zip bomb, not a list.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    private final int maxRows;

    XlsxList(int maxRows) {
        this.maxRows = maxRows;
    }

    RecipientTable read(Path file) throws IOException {
        String name = file.getFileName().toString();
        FileMagic magic = FileMagic.valueOf(file.toFile());
        if (magic == FileMagic.OLE2 && encrypted(file)) {
            throw new ListRefused("名单文件 " + name + " 受密码保护（已加密）：请在 Excel 中取消密码后另存为 .xlsx 再导入");
        }
        if (magic != FileMagic.OOXML) {
            throw new ListRefused(notWorkbook(name, FileContent.document(file, Files.readAllBytes(file))));
        }
        Optional<FileContent.Document> other = FileContent.document(file, new byte[] {'P', 'K', 3, 4})
                .filter(document -> document != FileContent.Document.XLSX && document != FileContent.Document.ZIP);
        if (other.isPresent()) {
            // A Word document or an OpenDocument file is a zip too: POI would only say the workbook is damaged.
            throw new ListRefused(notWorkbook(name, other));
        }
        Collector rows = new Collector(maxRows);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ListRefused("工作簿 " + name + " 没有工作表");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                CellKinds kinds = new CellKinds(rows);
                kinds.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoDates(), false));
                parser.setContentHandler(kinds);
                parser.parse(new InputSource(sheet));
            }
        } catch (ListRefused e) {
            throw e;
        } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException | IOException | RuntimeException e) {
            throw new ListRefused(describe(name, e), e);
        }
        if (rows.headers == null) {
            throw new ListRefused("工作簿 " + name + " 的第一个工作表是空的：第一行应为表头（字段名或中文名称）");
        }
        return new RecipientTable(rows.headers, rows.rows, false);
    }

    /** What a {@code .xlsx} that is no workbook really is ({@code document}; empty: text), and what to do. */
    private static String notWorkbook(String name, Optional<FileContent.Document> document) {
        if (document.isEmpty()) {
            return "名单文件 " + name + " 不是有效的 .xlsx 工作簿，而是文本文件（可能是 CSV）：如是 CSV 名单，请把扩展名改为 .csv 后重新提交";
        }
        return "名单文件 " + name + " 不是有效的 .xlsx 工作簿，实际是 " + document.get().label() + "：" + switch (document.get()) {
            case XLS -> "请在表格软件中另存为 .xlsx";
            case OPEN_DOCUMENT -> "请在 WPS 或 LibreOffice 中另存为 .xlsx";
            default -> "名单须为 .xlsx 工作簿或“CSV UTF-8（逗号分隔）”文本，请提交名单本身";
        };
    }

    private static boolean encrypted(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntry(Decryptor.DEFAULT_POIFS_ENTRY) || fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(String name, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("exceeded the max")
                    || message.contains("max entry size")) {
                return "工作簿 " + name + " 解压后异常膨胀（疑似 zip 炸弹），已拒绝读取";
            }
            if (t instanceof EncryptedDocumentException) {
                return "工作簿 " + name + " 受密码保护：请取消密码后再导入";
            }
        }
        // POI's message is English and names package parts: the user needs only to know the file is not a workbook.
        return "工作簿 " + name + " 无法读取：不是有效的 .xlsx（文件已损坏，或是改了扩展名的其他文件）；请在表格软件中打开并另存为 .xlsx 后再试";
    }

    /**
     * Watches the sheet's XML on its way to POI's handler for the cells that hold no value the office typed. POI
     * passes on a formula's cached result: stale, computed from other cells, or absent (a workbook written by a
     * program, or saved without recalculation) and then read as an empty cell, so the base data's value would stand
     * in for it without a word. An error value ({@code t="e"}: #REF!, #DIV/0!) it passes on as the text
     * {@code ERROR:#REF!}. Neither is evaluated here: the row is refused, naming the cell.
     */
    private static final class CellKinds extends XMLFilterImpl {

        private final Collector rows;
        private int column = -1;
        private boolean formula;
        private boolean error;
        private boolean inValue;
        private final StringBuilder value = new StringBuilder();

        CellKinds(Collector rows) {
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            switch (localName) {
                case "row" -> column = -1;
                case "c" -> {
                    String reference = atts.getValue("r");
                    // A cell without its reference follows the one before it, as POI reads it.
                    column = reference == null ? column + 1 : new CellReference(reference).getCol();
                    formula = false;
                    error = "e".equals(atts.getValue("t"));
                    value.setLength(0);
                }
                case "f" -> formula = true;
                case "v" -> inValue = true;
                default -> { }
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inValue) {
                value.append(ch, start, length);
            }
            super.characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            if (localName.equals("v")) {
                inValue = false;
            } else if (localName.equals("c")) {
                if (formula) {
                    rows.refuse(column, "单元格是公式，请改为文字或数字");
                } else if (error) {
                    rows.refuse(column, "单元格是错误值 " + value.toString().strip() + "，请改为文字或数字");
                }
            }
        }
    }

    /** Collects rows as POI streams them; stops the parse once the list has more rows than allowed. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final int maxRows;
        List<String> headers;
        final List<RecipientTable.Row> rows = new ArrayList<>();
        private List<String> current;
        private final java.util.SortedMap<Integer, String> refused = new java.util.TreeMap<>();
        private int nextColumn;

        Collector(int maxRows) {
            this.maxRows = maxRows;
        }

        /** The cell in {@code column} of the current row holds no typed value, for {@code reason}. */
        void refuse(int column, String reason) {
            refused.put(column, reason);
        }

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
            refused.clear();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            RecipientTable.Row row = new RecipientTable.Row(rowNum + 1, current, refused);
            if (headers == null) {
                if (!row.blank()) {
                    refused.forEach((column, reason) -> {
                        throw new ListRefused("表头第 " + (column + 1) + " 列（" + CellReference.convertNumToColString(column)
                                + (rowNum + 1) + "）：" + reason + "（表头须写字段名或中文名称）");
                    });
                    headers = current.stream().map(String::strip).toList();
                }
            } else if (!row.blank()) {
                if (rows.size() == maxRows) {
                    throw RecipientLists.tooManyRows(maxRows);
                }
                rows.add(row);
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            while (current.size() < column) {
                current.add("");
            }
            current.add(formattedValue == null ? "" : formattedValue);
            nextColumn = column + 1;
        }
    }

    /** Formats date cells as ISO dates (2024-03-20), the form the instrument types expect, whatever the cell style. */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime date = DateUtil.getLocalDateTime(value, use1904);
                return date.toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
