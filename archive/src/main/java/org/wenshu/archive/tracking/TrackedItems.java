package org.wenshu.archive.tracking;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.Unit;
import org.wenshu.archive.storage.S3ObjectStore;

/**
 * 督办事项: the facade for tracked items — the year's work-point list (工作要点清单) and the resolutions of joint
 * meetings (议定事项) — each tracked per responsible unit: the unit reports progress (text, completion date, evidence
 * files through the archive's upload inspection), the office accepts the report or returns it with a reason, and an
 * item not done by its due date (Asia/Shanghai, the archive's clock) is overdue. Every change is appended to the
 * archive's hash-chained audit trail in the same transaction ({@code TRACKED_*} actions, subject = the item id), and
 * so is its change-log entry for the search index ({@link #ITEM_CHANGE_KIND}, {@link #REPORT_CHANGE_KIND}).
 *
 * <p>Access rules (which unit may see or report what) are the caller's: this class checks only that the reporting
 * unit is responsible for the item. Refusals are {@link org.wenshu.archive.ArchiveRefusal}s with Chinese messages:
 * {@link ListRefused} (row by row), {@link ItemNotFound}, {@link RequestInvalid}, {@link TransitionRefused},
 * {@link org.wenshu.archive.UnitNotFound}, {@link org.wenshu.archive.uploads.FileRefused}; nothing is stored on any.
 */
public final class TrackedItems {

    /** Change-log kind of a tracked item: appended when it is created, its list published, reported on or flagged. */
    public static final String ITEM_CHANGE_KIND = "TRACKED_ITEM";
    /** Change-log kind of a progress report: appended when it is submitted and when the office decides on it. */
    public static final String REPORT_CHANGE_KIND = "PROGRESS_REPORT";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Archive archive;
    private final Clock clock;
    private final ItemRows rows;
    private final Drafts drafts;
    private final Evidence evidence;
    private final Reporting reporting;

    private TrackedItems(DataSource dataSource, Archive archive, S3ObjectStore store, ArchiveLimits limits, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        // Same DataSource as the archive: Archive.audit joins these transactions, so an event commits with its change.
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.archive = archive;
        this.clock = clock;
        this.rows = new ItemRows(jdbc, archive::unit);
        this.drafts = new Drafts(archive);
        this.evidence = new Evidence(jdbc, store, limits);
        this.reporting = new Reporting(jdbc, tx, archive, clock, evidence, this::item, this::report);
    }

    /**
     * Opens tracked items over the archive's record database (migrated by {@link Archive#open}, schema V5) and object
     * store; {@code dataSource} must be the archive's, {@code clock} the archive's (its zone judges due dates).
     */
    public static TrackedItems open(DataSource dataSource, Archive archive, S3ObjectStore store, ArchiveLimits limits,
                                    Clock clock) {
        return new TrackedItems(dataSource, archive, store, limits, clock);
    }

    /** Today in the clock's zone (Asia/Shanghai by default): due dates and overdue are judged on it. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---------------------------------------------------------------- work-point lists

    /**
     * Creates a DRAFT list for {@code year} (2000–2100) with {@code items} (possibly none), published later by
     * {@link #publish}. {@code publishingUnit} is the office's unit (id, name or short name).
     *
     * @throws ListRefused with every problem of every item; nothing is stored
     */
    public ItemList createList(int year, String title, String publishingUnit, List<ItemDraft> items, String actor) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            positions.add(i + 1);
        }
        return createList(year, title, publishingUnit, items, positions, List.of(), actor);
    }

    /**
     * Imports a DRAFT list from the office's XLSX sheet (columns 序号, 工作要点, 具体内容, 牵头单位, 配合单位, 完成时限;
     * see {@link WorkPointSheet}).
     *
     * @throws ListRefused with every problem, row by row, when any row is wrong; nothing is stored
     * @throws RequestInvalid when the file is not a readable XLSX workbook or has no header row
     */
    public ItemList importList(int year, String title, String publishingUnit, byte[] xlsx, String actor) {
        WorkPointSheet.Rows sheet = WorkPointSheet.read(xlsx);
        if (sheet.drafts().isEmpty() && sheet.problems().isEmpty()) {
            throw new RequestInvalid("表中没有工作要点（表头下没有数据行）");
        }
        return createList(year, title, publishingUnit, sheet.drafts(), sheet.rows(), sheet.problems(), actor);
    }

    private ItemList createList(int year, String title, String publishingUnit, List<ItemDraft> items, List<Integer> rowNumbers,
                                List<RowProblem> earlier, String actor) {
        if (year < 2000 || year > 2100) {
            throw new RequestInvalid("年度须在 2000–2100 之间");
        }
        String name = title == null ? "" : title.strip();
        if (name.isEmpty()) {
            throw new RequestInvalid("缺少清单名称");
        }
        if (name.length() > Drafts.MAX_TITLE) {
            throw new RequestInvalid("清单名称超过 " + Drafts.MAX_TITLE + " 字");
        }
        Unit publisher = archive.unit(publishingUnit);
        List<Drafts.Checked> checked = drafts.check(items, rowNumbers, year, Set.of(), earlier);
        String id = UUID.randomUUID().toString();
        Instant now = now();
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO tracked_lists (id, list_year, title, published_by, state, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        id, year, name, publisher.id(), ListState.DRAFT.name(), utc(now));
                for (Drafts.Checked item : checked) {
                    insertItem(item, Optional.of(id), SourceKind.WORK_POINT, id, year, now, actor);
                }
                archive.audit(who(actor), "TRACKED_LIST_CREATED", id, Map.of("year", year, "title", name,
                        "items", checked.size()));
            });
        } catch (DuplicateKeyException e) {
            throw new RequestInvalid(year + " 年已有名为「" + name + "」的清单");
        }
        return list(id);
    }

    /**
     * Adds one point to a DRAFT list.
     *
     * @throws ListRefused for a bad draft (row = its number), {@link TransitionRefused} once the list is published
     */
    public TrackedItem addItem(String listId, ItemDraft draft, String actor) {
        ItemList list = list(listId);
        if (list.published()) {
            throw new TransitionRefused("清单「" + list.title() + "」已发布，不能再增加工作要点");
        }
        Set<Integer> taken = rows.items(ItemQuery.all().inList(list.id()), today()).stream().map(TrackedItem::number)
                .collect(Collectors.toSet());
        Drafts.Checked checked = drafts.check(List.of(draft), List.of(Math.max(draft.number(), 1)), list.year(), taken,
                List.of()).get(0);
        String id = insertInTransaction(checked, Optional.of(list.id()), SourceKind.WORK_POINT, list.id(), list.year(), actor);
        return item(id);
    }

    /**
     * Publishes a DRAFT list: its points become visible to their units and start counting toward overdue.
     *
     * @throws TransitionRefused when it is published already or has no points
     */
    public ItemList publish(String listId, String actor) {
        ItemList list = list(listId);
        tx.executeWithoutResult(status -> {
            int changed = jdbc.update("UPDATE tracked_lists SET state = 'PUBLISHED', published_at = ? WHERE id = ? AND state = 'DRAFT'",
                    utc(now()), list.id());
            if (changed == 0) {
                throw new TransitionRefused("清单「" + list.title() + "」已发布");
            }
            if (list.itemCount() == 0) {
                throw new TransitionRefused("清单「" + list.title() + "」还没有工作要点，不能发布");
            }
            archive.audit(who(actor), "TRACKED_LIST_PUBLISHED", list.id(), Map.of("year", list.year(), "title", list.title(),
                    "items", list.itemCount()));
            // Its items become visible to their units: the search index follows the change log.
            Instant at = now();
            jdbc.queryForList("SELECT id FROM tracked_items WHERE list_id = ? ORDER BY item_number", String.class, list.id())
                    .forEach(itemId -> archive.recordKeeping().changed(itemId, ITEM_CHANGE_KIND, at));
        });
        return list(listId);
    }

    /** The list, any state. @throws ItemNotFound when there is none */
    public ItemList list(String listId) {
        return rows.list(listId).orElseThrow(() -> new ItemNotFound("清单", listId));
    }

    /** Lists newest first, of {@code year} or every year, published only or drafts too. */
    public List<ItemList> lists(Optional<Integer> year, boolean publishedOnly) {
        return rows.lists(year, publishedOnly);
    }

    /** The list as the office's XLSX sheet; importing it again gives the same points (round trip). */
    public byte[] export(String listId) {
        ItemList list = list(listId);
        return WorkPointSheet.write(list, rows.items(ItemQuery.all().inList(list.id()), today()), drafts.members());
    }

    // ---------------------------------------------------------------- resolutions (议定事项)

    /**
     * Tracks the resolutions (议定事项) of a joint meeting exactly like work points: each draft becomes an active
     * item (no list, no publishing step) of {@code year} with source RESOLUTION and source id {@code meetingId} (the
     * minutes' or meeting notice's record id, ≤ 100 characters). Numbers are unique per meeting.
     *
     * @throws ListRefused with every problem of every draft (row = position in {@code resolutions}); nothing stored
     */
    public List<TrackedItem> createFromResolutions(String meetingId, int year, List<ItemDraft> resolutions, String actor) {
        if (meetingId == null || meetingId.isBlank() || meetingId.length() > 100) {
            throw new RequestInvalid("缺少会议编号，或超过 100 个字符");
        }
        if (resolutions.isEmpty()) {
            throw new RequestInvalid("没有议定事项");
        }
        Set<Integer> taken = rows.items(ItemQuery.all().from(SourceKind.RESOLUTION, meetingId), today()).stream()
                .map(TrackedItem::number).collect(Collectors.toSet());
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            positions.add(i + 1);
        }
        List<Drafts.Checked> checked = drafts.check(resolutions, positions, year, taken, List.of());
        Instant now = now();
        List<String> ids = new ArrayList<>();
        tx.executeWithoutResult(status -> checked.forEach(item ->
                ids.add(insertItem(item, Optional.empty(), SourceKind.RESOLUTION, meetingId, year, now, actor))));
        return ids.stream().map(this::item).toList();
    }

    /** One resolution; see {@link #createFromResolutions}. */
    public TrackedItem createFromResolution(String meetingId, int year, ItemDraft resolution, String actor) {
        return createFromResolutions(meetingId, year, List.of(resolution), actor).get(0);
    }

    // ---------------------------------------------------------------- items and reports

    /** The item with its units' status as of today. @throws ItemNotFound when there is none */
    public TrackedItem item(String itemId) {
        return rows.item(itemId, today()).orElseThrow(() -> new ItemNotFound("督办事项", itemId));
    }

    /** Items matching {@code query}, newest year first, then by source and number; status as of today. */
    public List<TrackedItem> items(ItemQuery query) {
        return rows.items(query, today());
    }

    /** The reports on an item, oldest first: every unit's, or only {@code unitId}'s. */
    public List<ProgressReport> reports(String itemId, Optional<String> unitId) {
        return rows.reports(itemId, unitId);
    }

    /** One report. @throws ItemNotFound when there is none */
    public ProgressReport report(String reportId) {
        return rows.report(reportId).orElseThrow(() -> new ItemNotFound("进展报告", reportId));
    }

    /** The bytes of evidence file {@code index} (1-based) of a report. @throws ItemNotFound when there is none */
    public byte[] evidence(String reportId, int index) {
        ProgressReport report = report(reportId);
        EvidenceFile file = report.files().stream().filter(f -> f.index() == index).findFirst()
                .orElseThrow(() -> new ItemNotFound("佐证材料", reportId + "/" + index));
        return evidence.read(file.key()).orElseThrow(() -> new IllegalStateException("evidence object missing: " + file.key()));
    }

    /**
     * Files a unit's progress report: the unit must be responsible for an active item, have no report awaiting the
     * office and not be done; files are inspected before anything is stored, then stored with {@code report.json}.
     *
     * @throws RequestInvalid for a missing text; {@link TransitionRefused} when the unit may not report now;
     *                        {@link org.wenshu.archive.uploads.FileRefused} for a refused file
     */
    public ProgressReport submit(ReportSubmission submission) {
        return reporting.submit(submission, who(submission.actor()));
    }

    /**
     * The office accepts (验收) a pending report, with an optional note: the unit is done once the accepted reports
     * reach the item's target (1, or a frequency's count), otherwise it stays open for the next report.
     *
     * @throws TransitionRefused when the report was decided already
     */
    public ProgressReport accept(String reportId, Optional<String> note, String actor) {
        return reporting.decide(reportId, Decision.ACCEPTED, note.map(String::strip).filter(s -> !s.isEmpty()), who(actor));
    }

    /**
     * The office returns (退回) a pending report with the reason; the unit reports again.
     *
     * @throws RequestInvalid without a reason; {@link TransitionRefused} when the report was decided already
     */
    public ProgressReport returnReport(String reportId, String reason, String actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new RequestInvalid("退回须说明理由");
        }
        if (why.length() > 2000) {
            throw new RequestInvalid("退回理由超过 2000 字");
        }
        return reporting.decide(reportId, Decision.RETURNED, Optional.of(why), who(actor));
    }

    // ---------------------------------------------------------------- overdue and counts

    /**
     * Flags (逾期) every responsible unit of an active item that is open or returned past its due date on
     * {@code today} and not flagged before: records the day and appends a {@code TRACKED_OVERDUE} audit event each.
     * Idempotent: a second run the same or a later day flags nothing already flagged.
     *
     * @return the (item id, unit id) pairs flagged by this call
     */
    public List<Map.Entry<String, String>> flagOverdue(LocalDate today, String actor) {
        List<Map.Entry<String, String>> flagged = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            List<Map<String, Object>> due = jdbc.queryForList("SELECT u.item_id, u.unit_id, i.due_date FROM tracked_item_units u "
                    + "JOIN tracked_items i ON i.id = u.item_id WHERE (i.list_id IS NULL OR EXISTS (SELECT 1 FROM "
                    + "tracked_lists l WHERE l.id = i.list_id AND l.state = 'PUBLISHED')) AND u.status IN ('OPEN', 'RETURNED') "
                    + "AND i.due_date < ? AND u.overdue_on IS NULL ORDER BY i.item_year, i.source_id, i.item_number, u.position",
                    Date.valueOf(today));
            for (Map<String, Object> row : due) {
                String itemId = (String) row.get("item_id");
                String unitId = (String) row.get("unit_id");
                // Only the run whose update takes the row flags it: overlapping runs never audit a unit twice.
                if (jdbc.update("UPDATE tracked_item_units SET overdue_on = ? WHERE item_id = ? AND unit_id = ? "
                        + "AND overdue_on IS NULL", Date.valueOf(today), itemId, unitId) == 0) {
                    continue;
                }
                archive.audit(who(actor), "TRACKED_OVERDUE", itemId, Map.of("unit", unitId,
                        "dueDate", ItemRows.date(row.get("due_date")).toString(), "date", today.toString()));
                archive.recordKeeping().changed(itemId, ITEM_CHANGE_KIND, now());
                flagged.add(Map.entry(itemId, unitId));
            }
        });
        return flagged;
    }

    /** How many (item, unit) pairs of active items are overdue on {@code today}. */
    public int overdueCount(LocalDate today) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tracked_item_units u JOIN tracked_items i ON i.id = u.item_id "
                + "LEFT JOIN tracked_lists l ON l.id = i.list_id WHERE (i.list_id IS NULL OR l.state = 'PUBLISHED') "
                + "AND u.status IN ('OPEN', 'RETURNED') AND i.due_date < ?", Integer.class, Date.valueOf(today));
    }

    /**
     * Per responsible unit, its active items of {@code year} (of one source kind, or both) counted done on time /
     * late / open / overdue as of today — for the dashboard and the yearly inspection; units without items are left
     * out. Ordered as the archive lists units.
     */
    public List<UnitTally> tally(int year, Optional<SourceKind> source) {
        ItemQuery query = ItemQuery.all().year(year).active();
        List<TrackedItem> items = rows.items(source.map(query::of).orElse(query), today());
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TrackedItem item : items) {
            for (UnitProgress progress : item.units()) {
                int[] c = counts.computeIfAbsent(progress.unit().id(), k -> new int[5]);
                c[0]++;
                if (progress.status() == ProgressStatus.ACCEPTED) {
                    LocalDate done = progress.completedAt().orElseThrow().atZone(clock.getZone()).toLocalDate();
                    c[done.isAfter(item.deadline().dueDate()) ? 2 : 1]++;
                } else {
                    c[3]++;
                    if (progress.overdue()) {
                        c[4]++;
                    }
                }
            }
        }
        List<UnitTally> tallies = new ArrayList<>();
        for (Unit unit : archive.units()) {
            int[] c = counts.get(unit.id());
            if (c != null) {
                tallies.add(new UnitTally(unit, c[0], c[1], c[2], c[3], c[4]));
            }
        }
        return tallies;
    }

    // ----------------------------------------------------------------

    private String insertInTransaction(Drafts.Checked item, Optional<String> listId, SourceKind kind, String sourceId,
                                       int year, String actor) {
        try {
            return tx.execute(status -> insertItem(item, listId, kind, sourceId, year, now(), actor));
        } catch (DuplicateKeyException e) {
            throw new ListRefused(List.of(new RowProblem(item.number(), "序号", "序号 " + item.number() + " 已被占用")));
        }
    }

    private String insertItem(Drafts.Checked item, Optional<String> listId, SourceKind kind, String sourceId, int year,
                              Instant now, String actor) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO tracked_items (id, list_id, source_kind, source_id, item_number, item_year, title, "
                        + "description, due_date, frequency, target_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, listId.orElse(null), kind.name(), sourceId, item.number(), year, item.title(), item.description(),
                Date.valueOf(item.deadline().dueDate()), item.deadline().frequency().orElse(null),
                item.deadline().targetCount(), utc(now));
        int position = 0;
        insertUnit(id, item.lead(), UnitRole.LEAD, position++);
        for (Unit unit : item.coUnits()) {
            insertUnit(id, unit, UnitRole.CO, position++);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", kind.name());
        detail.put("sourceId", sourceId);
        detail.put("number", item.number());
        detail.put("title", item.title());
        detail.put("deadline", item.deadline().text());
        detail.put("lead", item.lead().id());
        detail.put("co", item.coUnits().stream().map(Unit::id).toList());
        archive.audit(who(actor), "TRACKED_ITEM_CREATED", id, detail);
        archive.recordKeeping().changed(id, ITEM_CHANGE_KIND, now);
        return id;
    }

    private void insertUnit(String itemId, Unit unit, UnitRole role, int position) {
        jdbc.update("INSERT INTO tracked_item_units (item_id, unit_id, role, position, status, accepted_count) "
                + "VALUES (?, ?, ?, ?, 'OPEN', 0)", itemId, unit.id(), role.name(), position);
    }

    private static String who(String actor) {
        return actor == null || actor.isBlank() ? "系统" : cut(actor.strip(), 200);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }
}
