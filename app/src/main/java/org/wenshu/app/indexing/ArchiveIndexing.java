package org.wenshu.app.indexing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordChange;
import org.wenshu.archive.ReferenceDocument;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadFile;
import org.wenshu.archive.leads.Leads;
import org.wenshu.archive.tracking.EvidenceFile;
import org.wenshu.archive.tracking.ItemNotFound;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.ProgressStatus;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.archive.tracking.UnitProgress;
import org.wenshu.archive.tracking.UnitRole;
import org.wenshu.search.Access;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordKind;
import org.wenshu.search.RecordSource;
import org.wenshu.search.imports.ImportedFile;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.imports.TextExtraction;

/**
 * Keeps the search index current with the archive (索引同步): maps archive records to index records, follows the
 * archive's record change log from the last applied sequence number, and serves as the source of full rebuilds.
 * The applied sequence number is kept in a small file beside the index; re-applying a change is harmless because
 * indexing replaces a record by id.
 */
public final class ArchiveIndexing implements RecordSource {

    private static final int PAGE = 500;

    private final Archive archive;
    private final Leads leads;
    private final TrackedItems tracked;
    private final Path appliedFile;
    private final ZoneId zone;
    private final TextExtraction extraction = new TextExtraction();
    /** Serialises commits and the applied-sequence file; never taken while holding this object's lock. */
    private final Object committing = new Object();
    /** The last change applied by {@link #apply} and not yet committed, 0 when none (guarded by this). */
    private long uncommitted;

    /** Indexes {@code archive}'s records and {@code tracked}'s items and reports (the same record database). */
    public ArchiveIndexing(Archive archive, TrackedItems tracked, Path appliedFile, ZoneId zone) {
        this.archive = archive;
        this.leads = Leads.of(archive);
        this.tracked = tracked;
        this.appliedFile = appliedFile;
        this.zone = zone;
    }

    /** Applies every archive change after the last applied one to {@code index}, commits, and returns how many. */
    public int catchUp(RecordIndex index) {
        int count = apply(index);
        commitApplied(index);
        return count;
    }

    /**
     * Applies every archive change after the last applied one to {@code index} without committing it, and returns
     * how many: the changes are searchable in this process at once, and the next {@link #catchUp} commits them and
     * records their sequence number. Until then a crash only means that the next start applies them again. Never
     * waits for a commit in progress.
     */
    public synchronized int apply(RecordIndex index) {
        // An empty index (new, or deleted by hand) starts from the beginning of the log whatever the file says.
        return applyAfter(index, index.size() == 0 ? 0 : Math.max(applied(), uncommitted));
    }

    private int applyAfter(RecordIndex index, long after) {
        long applied = after;
        int count = 0;
        List<RecordChange> page;
        do {
            page = archive.changesSince(applied, PAGE);
            Set<String> instruments = new LinkedHashSet<>();
            for (RecordChange change : page) {
                if (change.kind().equals("REFERENCE")) {
                    reference(change.recordId()).ifPresent(index::index);
                } else if (change.kind().equals(Leads.CHANGE_KIND)) {
                    leads.find(change.recordId()).map(this::lead).ifPresent(index::index);
                } else if (change.kind().equals(TrackedItems.ITEM_CHANGE_KIND)) {
                    item(change.recordId()).map(this::trackedItem).ifPresent(index::index);
                } else if (change.kind().equals(TrackedItems.REPORT_CHANGE_KIND)) {
                    report(change.recordId()).ifPresent(r -> item(r.itemId())
                            .map(item -> progressReport(r, item)).ifPresent(index::index));
                } else {
                    instruments.add(change.recordId());
                }
                applied = change.seq();
            }
            for (String id : instruments) {
                archive.find(id).ifPresent(record -> recordsOf(record).forEach(index::index));
            }
            count += page.size();
        } while (page.size() == PAGE);
        if (count > 0) {
            uncommitted = applied;
        }
        return count;
    }

    /**
     * Commits what {@link #apply} applied and records its sequence number, outside the lock of {@code apply}: a
     * request applying its change does not wait for the index's files to reach the disk.
     */
    private void commitApplied(RecordIndex index) {
        synchronized (committing) {
            long upTo;
            synchronized (this) {
                upTo = uncommitted;
            }
            if (upTo == 0) {
                return;
            }
            // Everything applied up to upTo was written before this commit starts, so the commit holds it.
            index.commit();
            store(upTo);
            synchronized (this) {
                if (uncommitted == upTo) {
                    uncommitted = 0;
                }
            }
        }
    }

    /**
     * Every instrument, response, imported reference, lead, tracked item and progress report in the archive, for a
     * full rebuild. Tracked items and reports are read from their tables, not the change log, so that those stored
     * before they had change-log entries are included too.
     */
    @Override
    public void forEachRecord(Consumer<IndexedRecord> sink) {
        long seq = 0;
        Set<String> instruments = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        Set<String> leadIds = new LinkedHashSet<>();
        List<RecordChange> page;
        do {
            page = archive.changesSince(seq, PAGE);
            for (RecordChange change : page) {
                seq = change.seq();
                if (change.kind().equals(TrackedItems.ITEM_CHANGE_KIND)
                        || change.kind().equals(TrackedItems.REPORT_CHANGE_KIND)) {
                    continue;
                }
                (change.kind().equals("REFERENCE") ? references
                        : change.kind().equals(Leads.CHANGE_KIND) ? leadIds : instruments).add(change.recordId());
            }
        } while (page.size() == PAGE);
        for (String id : instruments) {
            archive.find(id).ifPresent(record -> recordsOf(record).forEach(sink));
        }
        for (String id : references) {
            reference(id).ifPresent(sink);
        }
        for (String id : leadIds) {
            leads.find(id).map(this::lead).ifPresent(sink);
        }
        for (TrackedItem item : tracked.items(ItemQuery.all())) {
            sink.accept(trackedItem(item));
            tracked.reports(item.id(), Optional.empty()).forEach(r -> sink.accept(progressReport(r, item)));
        }
    }

    /**
     * The index records of the record {@code change} names, as the archive holds it now (for a partitioned rebuild):
     * an instrument with its responses, a reference, a lead; empty when it is gone, and for tracked items and
     * reports, which {@link #unloggedIds()} covers.
     */
    public List<IndexedRecord> recordsOf(RecordChange change) {
        if (change.kind().equals(TrackedItems.ITEM_CHANGE_KIND) || change.kind().equals(TrackedItems.REPORT_CHANGE_KIND)) {
            return List.of();
        }
        if (change.kind().equals("REFERENCE")) {
            return reference(change.recordId()).map(List::of).orElse(List.of());
        }
        if (change.kind().equals(Leads.CHANGE_KIND)) {
            return leads.find(change.recordId()).map(this::lead).map(List::of).orElse(List.of());
        }
        return archive.find(change.recordId()).map(this::recordsOf).orElse(List.of());
    }

    /** Ids of the tracked items, read from their table (those stored before they had change-log entries too), sorted. */
    public List<String> trackedItemIds() {
        return tracked.items(ItemQuery.all()).stream().map(TrackedItem::id).sorted().toList();
    }

    /** The tracked item {@code id} and its progress reports as index records; empty when it is gone. */
    public List<IndexedRecord> trackedRecords(String id) {
        return item(id).map(item -> {
            List<IndexedRecord> records = new ArrayList<>();
            records.add(trackedItem(item));
            tracked.reports(item.id(), Optional.empty()).forEach(r -> records.add(progressReport(r, item)));
            return records;
        }).orElse(List.of());
    }

    /**
     * Replaces {@code index} with its committed generation {@code generation} and, before searches see it, applies
     * every archive change after {@code afterSeq}; no catch-up runs meanwhile (this holds the follower's lock).
     *
     * @return the records in the index after the swap
     */
    public synchronized long replace(RecordIndex index, String generation, long afterSeq) {
        return index.replaceWith(generation, () -> {
            store(afterSeq);
            applyAfter(index, afterSeq);
        });
    }

    private Optional<TrackedItem> item(String id) {
        try {
            return Optional.of(tracked.item(id));
        } catch (ItemNotFound e) {
            return Optional.empty();
        }
    }

    private Optional<ProgressReport> report(String id) {
        try {
            return Optional.of(tracked.report(id));
        } catch (ItemNotFound e) {
            return Optional.empty();
        }
    }

    /**
     * A tracked item (督办事项: work point or resolution) as an index record, typed 工作要点 or 议定事项: restricted to
     * its responsible units once units see it (published list, or a resolution), to the office alone before, as
     * {@code workpoints.WorkPointAccess} rules. Status CLOSED when every unit is done, OVERDUE when one is late, else
     * OPEN; the lead unit is its unit, the co-operating units its recipients.
     */
    public IndexedRecord trackedItem(TrackedItem item) {
        List<String> text = new ArrayList<>();
        if (!item.description().isBlank()) {
            text.add(item.description());
        }
        text.add("完成时限：" + item.deadline().text());
        for (UnitProgress unit : item.units()) {
            text.add(unit.unit().name() + (unit.role() == UnitRole.LEAD ? "（牵头）" : "（配合）") + "：" + unit.status().label());
        }
        Set<String> units = item.units().stream().map(u -> u.unit().name()).collect(Collectors.toSet());
        String status = item.units().stream().allMatch(u -> u.status() == ProgressStatus.ACCEPTED) ? "CLOSED"
                : item.overdue() ? "OVERDUE" : "OPEN";
        return IndexedRecord.builder(item.id(), RecordKind.TRACKED_ITEM)
                .type(item.source().label())
                .number(item.year() + "年" + item.source().label() + "第" + item.number() + "项")
                .title(item.title())
                .body(String.join("\n", text))
                .issuingUnit(item.lead().name())
                .recipientUnits(item.coUnits().stream().map(Unit::name).toList())
                .status(status)
                .date(item.createdAt().atZone(zone).toLocalDate())
                .dueDate(item.deadline().dueDate())
                .access(Access.restricted(item.active() ? units : Set.of()))
                .build();
    }

    /**
     * A progress report (进展报告) as an index record: restricted to the unit that reported (other responsible units do
     * not see it, as {@code workpoints.WorkPointAccess} rules) and the office; its item's id in {@code instrumentId}
     * (its page is the item's), status its decision (PENDING, ACCEPTED, RETURNED).
     */
    public IndexedRecord progressReport(ProgressReport report, TrackedItem item) {
        List<String> text = new ArrayList<>(List.of(report.text()));
        report.completedOn().ifPresent(d -> text.add("完成日期：" + d));
        report.files().stream().map(EvidenceFile::name).forEach(name -> text.add("佐证材料：" + name));
        report.reason().ifPresent(r -> text.add("办公室意见：" + r));
        return IndexedRecord.builder(report.id(), RecordKind.PROGRESS_REPORT)
                .type(item.source().label())
                .title(item.title() + "（" + report.unit().name() + "进展报告）")
                .body(String.join("\n", text))
                .issuingUnit(report.unit().name())
                .instrumentId(item.id())
                .status(report.decision().name())
                .date(report.submittedAt().atZone(zone).toLocalDate())
                .access(Access.restricted(item.active() ? Set.of(report.unit().name()) : Set.of()))
                .build();
    }

    /**
     * A lead as an index record: restricted to its filing agency and receiving procuratorate (the office sees
     * everything), typed by its lead type, in the instruments' domain facet.
     */
    public IndexedRecord lead(Lead lead) {
        List<String> text = new ArrayList<>(List.of(lead.facts(), "法律依据：" + lead.legalBasis()));
        lead.decision().ifPresent(d -> text.add("处理决定：" + d.label()));
        lead.decisionReason().ifPresent(text::add);
        lead.transferredTo().ifPresent(t -> text.add("移送：" + t));
        lead.result().ifPresent(r -> text.add("结果反馈：" + r));
        lead.files().stream().map(LeadFile::text).filter(t -> t != null && !t.isBlank()).forEach(text::add);
        return IndexedRecord.builder(lead.id(), RecordKind.LEAD)
                .type(lead.type().label())
                .number(lead.number().map(n -> n.text()).orElse(null))
                .title(lead.title())
                .body(String.join("\n", text))
                .issuingUnit(lead.filingUnit().name())
                .recipientUnits(List.of(lead.receivingUnit().name()))
                .domain(lead.domain().label())
                .status(lead.status().name())
                .date(lead.filedAt().atZone(zone).toLocalDate())
                .access(Access.restricted(Set.of(lead.filingUnit().name(), lead.receivingUnit().name())))
                .build();
    }

    /** The instrument and each of its responses as index records. */
    public List<IndexedRecord> recordsOf(InstrumentRecord record) {
        List<IndexedRecord> records = new ArrayList<>();
        records.add(instrument(record));
        for (StoredResponse response : archive.responses(record.id())) {
            records.add(response(response, record));
        }
        return records;
    }

    IndexedRecord instrument(InstrumentRecord record) {
        LocalDate today = archive.today();
        return IndexedRecord.builder(record.id(), RecordKind.INSTRUMENT)
                .type(record.typeId())
                .number(record.number().text())
                .title(record.title())
                .body(fieldText(record.fields().values()))
                .issuingUnit(record.issuingUnit().name())
                .recipientUnits(names(record.recipients()))
                .domain(domain(record))
                .status(record.displayStatus(today))
                .date(record.issuedAt().atZone(zone).toLocalDate())
                .dueDate(record.dueDate().orElse(null))
                .access(Access.parties(parties(record)))
                .build();
    }

    IndexedRecord response(StoredResponse response, InstrumentRecord record) {
        String files = response.files().stream().map(file -> file.text() == null ? "" : file.text())
                .collect(Collectors.joining("\n"));
        return IndexedRecord.builder(response.id(), RecordKind.RESPONSE)
                .type(record.typeId())
                .number(record.number().text())
                .title("关于《" + record.title() + "》的回复（" + response.unit().name() + "）")
                .body(String.join("\n", response.measures(), response.results(), "采纳情况：" + response.adoption().label(), files))
                .issuingUnit(response.unit().name())
                .recipientUnits(List.of(record.issuingUnit().name()))
                .domain(domain(record))
                .status(record.displayStatus(archive.today()))
                .date(response.submittedAt().atZone(zone).toLocalDate())
                .instrumentId(record.id())
                .access(Access.parties(parties(record)))
                .build();
    }

    private Optional<IndexedRecord> reference(String id) {
        Optional<ReferenceDocument> document = archive.reference(id);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        ReferenceDocument reference = document.get();
        byte[] bytes = archive.read(reference.key()).orElseThrow(() ->
                new IllegalStateException("archive object missing for reference " + reference.source()));
        String fileName = reference.source().substring(reference.source().lastIndexOf('/') + 1);
        try {
            TextExtraction.Extracted extracted = extraction.extract(bytes, reference.mediaType(), fileName);
            return Optional.of(ReferenceImporter.toRecord(new ImportedFile("ref-" + reference.contentSha256(),
                    reference.source(), reference.mediaType(), reference.contentSha256(), bytes, extracted.title(),
                    extracted.text())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract text of " + reference.source(), e);
        }
    }

    private static Set<String> parties(InstrumentRecord record) {
        Set<String> units = new LinkedHashSet<>();
        units.add(record.issuingUnit().name());
        units.addAll(names(record.recipients()));
        units.addAll(names(record.copiedUnits()));
        return units;
    }

    private static List<String> names(List<Unit> units) {
        return units.stream().map(Unit::name).toList();
    }

    /** 领域: the instrument's own domain field when it has one, else its kind (e.g. 公益诉讼诉前). */
    private static String domain(InstrumentRecord record) {
        Map<String, Object> fields = record.fields();
        Object domain = fields.getOrDefault("domain", fields.get("kind"));
        return domain == null ? null : domain.toString();
    }

    private static String fieldText(Collection<Object> values) {
        return values.stream().flatMap(value -> value instanceof Collection<?> list ? list.stream() : Stream.of(value))
                .filter(value -> value instanceof String)
                .map(Object::toString)
                .collect(Collectors.joining("\n"));
    }

    private long applied() {
        try {
            return Files.exists(appliedFile) ? Long.parseLong(Files.readString(appliedFile).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // unreadable: re-apply everything, which is idempotent
        }
    }

    private void store(long seq) {
        try {
            Files.createDirectories(appliedFile.getParent());
            Path temporary = appliedFile.resolveSibling(appliedFile.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(seq), StandardCharsets.US_ASCII);
            Files.move(temporary, appliedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the applied change sequence in " + appliedFile, e);
        }
    }
}
