package org.wenshu.app.instruments;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.archive.ResponseSubmission;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UnitNotFound;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.archive.uploads.UploadInspector;
import org.wenshu.templates.InstrumentCatalog;

/**
 * What a signed-in user does with instruments — list, read, issue, deliver, answer, close, withdraw, download — with
 * {@link InstrumentAccess} applied to every call. Page controllers and their {@code /api/v1} twins both call this,
 * so one set of access checks serves both; the business rules stay in the archive.
 * Records a user may not see are {@link RecordNotFound} (404), never "forbidden", so ids reveal nothing.
 */
public final class Instruments {

    private final Archive archive;
    private final InstrumentCatalog catalog;
    private final InstrumentIssuing issuing;
    private final IndexUpdates index;
    private final InstrumentAccess access;
    private final UploadInspector uploads;

    /**
     * @param uploads the archive's upload inspection with the archive's limits, used to report every refused file of
     *                a response at once (the archive itself stops at the first)
     */
    public Instruments(Archive archive, InstrumentCatalog catalog, InstrumentIssuing issuing, IndexUpdates index,
                       InstrumentAccess access, UploadInspector uploads) {
        this.archive = archive;
        this.catalog = catalog;
        this.issuing = issuing;
        this.index = index;
        this.access = access;
        this.uploads = uploads;
    }

    public InstrumentAccess access() {
        return access;
    }

    /** The unit with this id, full name or short name, if there is one (for filters). */
    public Optional<Unit> unit(String reference) {
        try {
            return Optional.of(archive.unit(reference));
        } catch (UnitNotFound e) {
            return Optional.empty();
        }
    }

    /** Today in the archive's time zone (Asia/Shanghai by default): due dates and overdue are counted in it. */
    public LocalDate today() {
        return archive.today();
    }

    /** Records matching {@code query} that {@code user} may see, newest first, with the total count of those only. */
    public RecordQuery.Page list(WenshuUser user, RecordQuery query, int offset, int limit) {
        return archive.records(access.narrow(user, query), offset, limit);
    }

    /**
     * The inbox (收件箱) of an AGENCY officer: records matching {@code query} whose 主送 unit is the officer's, newest
     * first.
     *
     * @throws AccessRefused for users of other roles
     */
    public RecordQuery.Page inbox(WenshuUser user, RecordQuery query, int offset, int limit) {
        return archive.records(access.narrow(user, access.inbox(user, query)), offset, limit);
    }

    /**
     * The record {@code idOrNumber} (record id or printed 发文字号) if {@code user} may see it.
     *
     * @throws RecordNotFound when there is no such record or the user may not see it
     */
    public InstrumentRecord get(WenshuUser user, String idOrNumber) {
        InstrumentRecord record = archive.find(idOrNumber).or(() -> findByNumber(idOrNumber))
                .orElseThrow(() -> new RecordNotFound(idOrNumber));
        if (!access.canSee(user, record)) {
            throw new RecordNotFound(idOrNumber);
        }
        return record;
    }

    private Optional<InstrumentRecord> findByNumber(String number) {
        try {
            return Optional.of(archive.record(number));
        } catch (RecordNotFound e) {
            return Optional.empty();
        }
    }

    /**
     * Validates {@code fields} for {@code typeId} as the CLI does, without issuing (form checks and previews).
     *
     * @throws org.wenshu.templates.TypeIssuedElsewhere for 会议纪要, recorded from their meeting instead
     */
    public IssueRequest validate(WenshuUser user, String typeId, Map<String, Object> fields) {
        catalog.requireStandalone(typeId);
        return validateAny(user, typeId, fields);
    }

    private IssueRequest validateAny(WenshuUser user, String typeId, Map<String, Object> fields) {
        if (!access.canIssue(user)) {
            throw new AccessRefused("只有检察官和管理员可以发文");
        }
        IssueRequest request = issuing.prepare(typeId, fields);
        requireIssuer(user, request); // a unit that is not the user's is refused as such, with or without a seal
        issuing.requireSeal(request);
        return request;
    }

    /**
     * Numbers, renders, seals, archives and indexes an instrument. A retry with the same {@code idempotencyKey}
     * returns the record issued the first time.
     *
     * @throws AccessRefused when the user may not issue for the form's issuing unit
     */
    public InstrumentRecord issue(WenshuUser user, String typeId, Map<String, Object> fields,
                                  Optional<String> idempotencyKey) {
        return issue(user, validate(user, typeId, fields), idempotencyKey);
    }

    /**
     * Issues the 会议纪要 of a meeting, for {@link org.wenshu.app.meetings.JointMeetings}, which links them to the notice
     * and tracks their resolutions; {@link #issue} refuses the type on its own.
     *
     * @throws AccessRefused when the user may not issue for the form's issuing unit
     */
    public InstrumentRecord issueMinutes(WenshuUser user, Map<String, Object> fields, String idempotencyKey) {
        return issue(user, validateAny(user, InstrumentCatalog.MEETING_MINUTES, fields), Optional.of(idempotencyKey));
    }

    private InstrumentRecord issue(WenshuUser user, IssueRequest validated, Optional<String> idempotencyKey) {
        IssueRequest request = validated;
        if (idempotencyKey.isPresent()) {
            request = request.withKey(idempotencyKey.get());
        }
        InstrumentRecord record = archive.issue(request, issuing.producer(request));
        if (!access.canSee(user, record)) {
            // The key was used before for another unit's record: the archive returned that record, which this user
            // must not see (and nothing new was stored).
            throw new IdempotencyKeyTaken(idempotencyKey.orElse(""));
        }
        index.afterChangeCommittedLater();
        return record;
    }

    private void requireIssuer(WenshuUser user, IssueRequest request) {
        String unitId = archive.unit(request.issuingUnit()).id();
        if (!access.canIssueFor(user, unitId)) {
            throw new AccessRefused("当前账号不能以「" + request.issuingUnit() + "」的名义发文");
        }
    }

    /** Records delivery (送达) of a record the user manages. */
    public InstrumentRecord deliver(WenshuUser user, String id, DeliveryMethod method, LocalDate date,
                                    Optional<String> note) {
        InstrumentRecord record = managed(user, id);
        InstrumentRecord changed = archive.deliver(record.id(), method, date, note, record.issuingUnit().id());
        index.afterChangeCommittedLater();
        return changed;
    }

    /** Closes (办结) a record the user manages, with the evaluation of the response. */
    public InstrumentRecord close(WenshuUser user, String id, Adoption evaluation, String note,
                                  Optional<String> reasonWithoutResponse) {
        InstrumentRecord record = managed(user, id);
        InstrumentRecord changed = archive.close(record.id(), evaluation, note, reasonWithoutResponse,
                record.issuingUnit().id());
        index.afterChangeCommittedLater();
        return changed;
    }

    /** Withdraws (撤回) a record the user manages. */
    public InstrumentRecord withdraw(WenshuUser user, String id, String reason) {
        InstrumentRecord record = managed(user, id);
        InstrumentRecord changed = archive.withdraw(record.id(), reason, record.issuingUnit().id());
        index.afterChangeCommittedLater();
        return changed;
    }

    private InstrumentRecord managed(WenshuUser user, String id) {
        InstrumentRecord record = get(user, id);
        if (!access.canManage(user, record)) {
            throw new AccessRefused("只有发文单位可以办理此操作");
        }
        return record;
    }

    /**
     * Files the response (回复) of the user's unit to a record addressed to it, after the archive's upload checks.
     *
     * @throws AccessRefused when the user's unit is not a 主送 unit of the record
     */
    public StoredResponse respond(WenshuUser user, String id, String measures, String results, Adoption adoption,
                                  List<UploadedFile> files) {
        InstrumentRecord record = get(user, id);
        if (!access.canRespond(user, record)) {
            throw new AccessRefused("只有主送单位的联络员可以回复此文书");
        }
        if (files.size() > 1) {
            requireAcceptable(files);
        }
        StoredResponse response = archive.respond(new ResponseSubmission(record.id(), user.unitId().orElseThrow(),
                measures, results, adoption, files));
        index.afterChangeCommittedLater();
        return response;
    }

    private void requireAcceptable(List<UploadedFile> files) {
        List<FileRefused> refused = new java.util.ArrayList<>();
        for (UploadedFile file : files) {
            try {
                uploads.inspect(file.name(), file.content());
            } catch (FileRefused e) {
                refused.add(e);
            }
        }
        if (!refused.isEmpty()) {
            throw new FilesRefused(refused);
        }
    }

    /** The responses to a record that the user may see (an agency sees only its own unit's). */
    public List<StoredResponse> responses(WenshuUser user, String id) {
        InstrumentRecord record = get(user, id);
        return archive.responses(record.id()).stream().filter(r -> access.canSee(user, record, r)).toList();
    }

    /** One response by id, if the user may see it. */
    public StoredResponse response(WenshuUser user, String recordId, String responseId) {
        return responses(user, recordId).stream().filter(r -> r.id().equals(responseId)).findFirst()
                .orElseThrow(() -> new RecordNotFound(responseId));
    }

    /** A downloadable file: its metadata, a display name and the bytes. */
    public record Download(StoredFile file, String name, byte[] content) {
    }

    /**
     * The sealed PDF of a record the user may see.
     *
     * @throws RecordNotFound when the record is not visible or has no stored PDF
     */
    public Download instrumentPdf(WenshuUser user, String id) {
        InstrumentRecord record = get(user, id);
        StoredFile pdf = record.objects().stream().filter(f -> f.key().endsWith("/instrument.pdf")).findFirst()
                .orElseThrow(() -> new RecordNotFound(id + "/instrument.pdf"));
        byte[] bytes = archive.read(pdf.key()).orElseThrow(() -> new RecordNotFound(pdf.key()));
        return new Download(pdf, record.number().text() + ".pdf", bytes);
    }

    /**
     * The {@code index}th (0-based) attachment of a response the user may see.
     *
     * @throws RecordNotFound when the response is not visible or has no such attachment
     */
    public Download responseFile(WenshuUser user, String recordId, String responseId, int index) {
        StoredResponse response = response(user, recordId, responseId);
        if (index < 0 || index >= response.files().size()) {
            throw new RecordNotFound(responseId + "/" + index);
        }
        var file = response.files().get(index);
        byte[] bytes = archive.read(file.stored().key()).orElseThrow(() -> new RecordNotFound(file.stored().key()));
        return new Download(file.stored(), file.originalName(), bytes);
    }

    /** The audit events of a record (its timeline) the user may see, oldest first. */
    public List<AuditEvent> timeline(WenshuUser user, String id) {
        InstrumentRecord record = get(user, id);
        return archive.auditEvents(record.id()).stream().filter(event -> access.canSee(user, event)).toList();
    }

    /** The document register (发文登记簿) of the units the user issues for (ADMIN: all), void numbers included. */
    public List<RegisterEntry> register(WenshuUser user, Optional<Integer> year) {
        return register(user, year, Optional.empty(), 0, Integer.MAX_VALUE).items();
    }

    /**
     * One page of the document register (发文登记簿) of the units the user issues for (ADMIN: all), optionally of one
     * year and state, paged and counted in the database.
     *
     * @throws AccessRefused for users who issue nothing (AGENCY, RESEARCHER)
     */
    public RegisterEntry.Page register(WenshuUser user, Optional<Integer> year, Optional<RegisterEntry.State> state,
                                       int offset, int limit) {
        return switch (user.role()) {
            case ADMIN -> archive.register(Optional.empty(), year, state, offset, limit);
            case PROSECUTOR -> archive.register(Optional.of(List.copyOf(access.issuingScope(user))), year, state,
                    offset, limit);
            default -> throw new AccessRefused("只有检察官和管理员可以查看发文登记簿");
        };
    }
}
