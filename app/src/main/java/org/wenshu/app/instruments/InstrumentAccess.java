package org.wenshu.app.instruments;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import org.wenshu.search.Viewer;

/**
 * 访问控制: which instruments, responses and files a user may see and what they may do to them — the one place where
 * the per-unit rule lives, for pages, API, downloads and search alike.
 * <ul>
 * <li>ADMIN (the coordination office) sees and acts on everything;</li>
 * <li>PROSECUTOR sees and acts on what their procuratorate (and offices set up within it) issued;</li>
 * <li>AGENCY sees what their unit issued or receives (主送, 抄送, 抄报), answers only as 主送, and sees only its own
 * unit's responses;</li>
 * <li>RESEARCHER reads every instrument and response, changes nothing.</li>
 * </ul>
 */
public final class InstrumentAccess {

    private final Archive archive;

    public InstrumentAccess(Archive archive) {
        this.archive = archive;
    }

    /** The unit ids a PROSECUTOR issues for: their unit and the offices whose parent it is. */
    public Set<String> issuingScope(WenshuUser user) {
        if (user.role() != Role.PROSECUTOR) {
            return Set.of();
        }
        String own = user.unitId().orElseThrow();
        Set<String> scope = new LinkedHashSet<>();
        scope.add(own);
        for (Unit unit : archive.units()) {
            if (unit.parentId().filter(own::equals).isPresent() && unit.kind().equals("OFFICE")) {
                scope.add(unit.id());
            }
        }
        return scope;
    }

    /** Narrows {@code query} to the records {@code user} may see (used by every list and count). */
    public RecordQuery narrow(WenshuUser user, RecordQuery query) {
        return switch (user.role()) {
            case ADMIN, RESEARCHER -> query;
            case PROSECUTOR -> query.issuedBy(issuingScope(user));
            case AGENCY -> query.visibleTo(Set.of(user.unitId().orElseThrow()));
        };
    }

    /** Whether {@code user} may see {@code record}. */
    public boolean canSee(WenshuUser user, InstrumentRecord record) {
        return switch (user.role()) {
            case ADMIN, RESEARCHER -> true;
            case PROSECUTOR -> issuingScope(user).contains(record.issuingUnit().id());
            case AGENCY -> {
                String unit = user.unitId().orElseThrow();
                yield record.issuingUnit().id().equals(unit) || record.recipients().stream().anyMatch(u -> u.id().equals(unit))
                        || record.copiedUnits().stream().anyMatch(u -> u.id().equals(unit))
                        || archive.isParty(record.id(), unit);
            }
        };
    }

    /** Whether {@code user} may record delivery, close or withdraw {@code record} (for its issuing unit). */
    public boolean canManage(WenshuUser user, InstrumentRecord record) {
        return user.role() == Role.ADMIN
                || user.role() == Role.PROSECUTOR && issuingScope(user).contains(record.issuingUnit().id());
    }

    /** Whether {@code user} may answer {@code record}: an AGENCY officer of a 主送 unit. */
    public boolean canRespond(WenshuUser user, InstrumentRecord record) {
        return user.role() == Role.AGENCY && user.unitId()
                .filter(unit -> record.recipients().stream().anyMatch(u -> u.id().equals(unit))).isPresent();
    }

    /** Whether {@code user} may see {@code response} to a record they can see. */
    public boolean canSee(WenshuUser user, InstrumentRecord record, StoredResponse response) {
        if (!canSee(user, record)) {
            return false;
        }
        return user.role() != Role.AGENCY || user.unitId().filter(response.unit().id()::equals).isPresent();
    }

    /**
     * Whether {@code user} may see an event of a record's timeline they can see: an agency sees the attendance
     * replies (参会回执) to a meeting notice of its own unit only, as it sees only its own unit's responses.
     */
    public boolean canSee(WenshuUser user, org.wenshu.archive.AuditEvent event) {
        if (user.role() != Role.AGENCY || !event.action().startsWith("ATTENDANCE_")) {
            return true;
        }
        // The detail is canonical JSON (sorted keys, no spaces), so the unit id is spelled exactly so.
        return user.unitId().filter(unit -> event.detail().contains("\"unitId\":\"" + unit + "\"")).isPresent();
    }

    /** Whether {@code user}'s role issues instruments at all (PROSECUTOR, ADMIN), before any unit is looked at. */
    public boolean canIssue(WenshuUser user) {
        return user.role() == Role.ADMIN || user.role() == Role.PROSECUTOR;
    }

    /**
     * The inbox of an AGENCY officer: {@code query} narrowed to the records whose 主送 unit is the officer's unit.
     *
     * @throws AccessRefused for every other role
     */
    public RecordQuery inbox(WenshuUser user, RecordQuery query) {
        if (user.role() != Role.AGENCY) {
            throw new AccessRefused("只有行政机关联络员有收件箱");
        }
        return query.addressedTo(user.unitId().orElseThrow());
    }

    /** Whether {@code user} may issue instruments for {@code issuingUnitId}. */
    public boolean canIssueFor(WenshuUser user, String issuingUnitId) {
        return user.role() == Role.ADMIN
                || user.role() == Role.PROSECUTOR && issuingScope(user).contains(issuingUnitId);
    }

    /**
     * The search viewer for {@code user}: agencies see their unit's records, researchers what is not restricted,
     * prosecutors that and their procuratorate's restricted records (leads), the office everything.
     */
    public Viewer viewer(WenshuUser user) {
        return switch (user.role()) {
            case ADMIN -> Viewer.administrator();
            case AGENCY -> Viewer.agency(archive.unit(user.unitId().orElseThrow()).name());
            // A prosecutor also finds the restricted records of their procuratorate: the leads agencies sent it.
            case PROSECUTOR -> Viewer.researcherOf(archive.unit(user.unitId().orElseThrow()).name());
            case RESEARCHER -> Viewer.researcher();
        };
    }

    /** The unit {@code user} acts for, if bound to one. */
    public Optional<Unit> unitOf(WenshuUser user) {
        return user.unitId().map(archive::unit);
    }
}
