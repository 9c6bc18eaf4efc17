package org.wenshu.app.workpoints;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.Archive;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemNotFound;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.ReportSubmission;
import org.wenshu.archive.tracking.SourceKind;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.archive.tracking.UnitTally;

/**
 * Use cases of work points (工作要点) and other tracked items for a signed-in user: every call applies
 * {@link WorkPointAccess} and then the archive's {@link TrackedItems}. Pages and API call this, never the archive
 * directly. Not-visible items and reports are {@link ItemNotFound} (404); forbidden actions
 * {@link org.wenshu.app.instruments.AccessRefused} (403).
 */
public final class WorkPoints {

    private final TrackedItems tracked;
    private final Archive archive;
    private final WorkPointAccess access;

    public WorkPoints(TrackedItems tracked, Archive archive, WorkPointAccess access) {
        this.tracked = tracked;
        this.archive = archive;
        this.access = access;
    }

    public WorkPointAccess access() {
        return access;
    }

    public LocalDate today() {
        return tracked.today();
    }

    /** Who an action is recorded as in the audit trail: the account and, if bound, its unit. */
    static String actor(WenshuUser user) {
        return user.getUsername() + user.unitId().map(u -> "@" + u).orElse("");
    }

    /** The unit the office publishes as: the ADMIN's own unit, else the coordination office (府检联动办). */
    Unit officeUnit(WenshuUser user) {
        return user.unitId().map(archive::unit).orElseGet(() -> archive.unit("jm-coordination-office"));
    }

    // ---------------------------------------------------------------- lists

    public List<ItemList> lists(WenshuUser user, Optional<Integer> year) {
        access.requireParticipant(user);
        return tracked.lists(year, !access.isOffice(user));
    }

    public ItemList list(WenshuUser user, String listId) {
        access.requireParticipant(user);
        ItemList list = tracked.list(listId);
        if (!access.canSee(user, list)) {
            throw new ItemNotFound("清单", listId);
        }
        return list;
    }

    /** The items of a list the user may see: all for the office, the unit's own otherwise. */
    public List<TrackedItem> items(WenshuUser user, String listId) {
        ItemList list = list(user, listId);
        ItemQuery query = ItemQuery.all().inList(list.id());
        return tracked.items(access.isOffice(user) ? query : query.responsible(access.reportingUnit(user).orElseThrow()));
    }

    public ItemList createList(WenshuUser user, int year, String title, List<ItemDraft> items) {
        access.requireOffice(user);
        return tracked.createList(year, title, officeUnit(user).id(), items, actor(user));
    }

    public ItemList importList(WenshuUser user, int year, String title, byte[] xlsx) {
        access.requireOffice(user);
        return tracked.importList(year, title, officeUnit(user).id(), xlsx, actor(user));
    }

    public TrackedItem addItem(WenshuUser user, String listId, ItemDraft draft) {
        access.requireOffice(user);
        return tracked.addItem(list(user, listId).id(), draft, actor(user));
    }

    public ItemList publish(WenshuUser user, String listId) {
        access.requireOffice(user);
        return tracked.publish(list(user, listId).id(), actor(user));
    }

    public byte[] export(WenshuUser user, String listId) {
        access.requireOffice(user);
        return tracked.export(list(user, listId).id());
    }

    // ---------------------------------------------------------------- items

    /**
     * Items the user may see, filtered: of {@code year}, only those of the user's unit ({@code mine}; always so for a
     * unit), only overdue ones, of one source kind.
     */
    public List<TrackedItem> items(WenshuUser user, Optional<Integer> year, boolean overdue, Optional<SourceKind> source) {
        access.requireParticipant(user);
        ItemQuery query = ItemQuery.all();
        if (year.isPresent()) {
            query = query.year(year.get());
        }
        if (source.isPresent()) {
            query = query.of(source.get());
        }
        if (!access.isOffice(user)) {
            query = query.active().responsible(access.reportingUnit(user).orElseThrow());
        }
        if (overdue) {
            query = query.overdue();
        }
        return tracked.items(query);
    }

    public TrackedItem item(WenshuUser user, String itemId) {
        access.requireParticipant(user);
        TrackedItem item = tracked.item(itemId);
        if (!access.canSee(user, item)) {
            throw new ItemNotFound("督办事项", itemId);
        }
        return item;
    }

    /** The reports on an item the user sees: every unit's for the office, the own unit's otherwise. */
    public List<ProgressReport> reports(WenshuUser user, String itemId) {
        TrackedItem item = item(user, itemId);
        return tracked.reports(item.id(), access.reportsOf(user));
    }

    public ProgressReport submit(WenshuUser user, String itemId, String text, Optional<LocalDate> completedOn,
                                 List<UploadedFile> files) {
        TrackedItem item = item(user, itemId);
        if (!access.canReport(user, item)) {
            throw new org.wenshu.app.instruments.AccessRefused("只有责任单位的联络员可以报送进展");
        }
        return tracked.submit(new ReportSubmission(item.id(), access.reportingUnit(user).orElseThrow(), actor(user), text,
                completedOn, files));
    }

    public ProgressReport report(WenshuUser user, String reportId) {
        access.requireParticipant(user);
        ProgressReport report = tracked.report(reportId);
        boolean visible = access.isOffice(user)
                || access.reportingUnit(user).filter(report.unit().id()::equals).isPresent()
                && access.canSee(user, tracked.item(report.itemId()));
        if (!visible) {
            throw new ItemNotFound("进展报告", reportId);
        }
        return report;
    }

    public byte[] evidence(WenshuUser user, String reportId, int index) {
        return tracked.evidence(report(user, reportId).id(), index);
    }

    public ProgressReport accept(WenshuUser user, String reportId, Optional<String> note) {
        access.requireOffice(user);
        return tracked.accept(reportId, note, actor(user));
    }

    public ProgressReport returnReport(WenshuUser user, String reportId, String reason) {
        access.requireOffice(user);
        return tracked.returnReport(reportId, reason, actor(user));
    }

    /** Per-unit counts of a year's items (the office only). */
    public List<UnitTally> tally(WenshuUser user, int year, Optional<SourceKind> source) {
        access.requireOffice(user);
        return tracked.tally(year, source);
    }

    public List<Unit> units() {
        return archive.units();
    }
}
