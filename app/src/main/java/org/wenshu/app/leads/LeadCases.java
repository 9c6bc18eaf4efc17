package org.wenshu.app.leads;

import java.util.List;
import java.util.Optional;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadFile;
import org.wenshu.archive.leads.LeadFiling;
import org.wenshu.archive.leads.LeadNotFound;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadType;
import org.wenshu.archive.leads.Leads;

/**
 * 线索移送的用例: what the pages and the {@code /api/v1/leads} API do with leads, each step checked against
 * {@link LeadAccess} first and followed by an index update, so search sees the step within the follower's delay.
 */
public final class LeadCases {

    private final Archive archive;
    private final Leads leads;
    private final LeadAccess access;
    private final IndexUpdates index;

    public LeadCases(Archive archive, Leads leads, LeadAccess access, IndexUpdates index) {
        this.archive = archive;
        this.leads = leads;
        this.access = access;
        this.index = index;
    }

    /** The access rule the pages consult to show or hide forms. */
    public LeadAccess access() {
        return access;
    }

    /** The procuratorates a lead may be sent to. */
    public List<Unit> procuratorates() {
        return archive.units().stream().filter(u -> u.kind().equals("PROCURATORATE")).toList();
    }

    /** Files a lead for {@code user}'s unit, sent to {@code receivingUnit} (id or name). */
    public Lead file(WenshuUser user, String receivingUnit, LeadType type, String title, String facts, LeadDomain domain,
                     String legalBasis, List<UploadedFile> files) {
        if (!access.canFile(user)) {
            throw new AccessRefused("只有行政机关联络员可以移送线索");
        }
        Lead lead = leads.file(new LeadFiling(user.unitId().orElseThrow(), user.getDisplayName(), receivingUnit, type,
                title, facts, domain, legalBasis, files));
        index.afterChangeCommittedLater();
        return lead;
    }

    /** The leads {@code user} may see matching {@code query}, newest first, with the total under the same rule. */
    public LeadQuery.Page list(WenshuUser user, LeadQuery query, int offset, int limit) {
        return leads.list(access.narrow(user, query), offset, limit);
    }

    /** The lead by id or register number; {@link LeadNotFound} when there is none or {@code user} may not see it. */
    public Lead get(WenshuUser user, String idOrNumber) {
        Lead lead = leads.find(idOrNumber).orElseThrow(() -> new LeadNotFound(idOrNumber));
        if (!access.canSee(user, lead)) {
            throw new LeadNotFound(idOrNumber);
        }
        return lead;
    }

    /** 受理 by a prosecutor of the receiving procuratorate; {@link AccessRefused} for anyone else who sees it. */
    public Lead acknowledge(WenshuUser user, String id) {
        Lead lead = handled(user, id);
        Lead done = leads.acknowledge(lead.id(), lead.receivingUnit().id(), user.getDisplayName());
        index.afterChangeCommittedLater();
        return done;
    }

    /** 处理决定 by a prosecutor of the receiving procuratorate. */
    public Lead decide(WenshuUser user, String id, LeadDecision decision, String reason, String transferTo) {
        Lead lead = handled(user, id);
        Lead done = leads.decide(lead.id(), decision, reason, transferTo, lead.receivingUnit().id(), user.getDisplayName());
        index.afterChangeCommittedLater();
        return done;
    }

    /** 结果反馈 (text and an optional file) by a prosecutor of the receiving procuratorate. */
    public Lead conclude(WenshuUser user, String id, String result, Optional<UploadedFile> file) {
        Lead lead = handled(user, id);
        Lead done = leads.conclude(lead.id(), result, file, lead.receivingUnit().id(), user.getDisplayName());
        index.afterChangeCommittedLater();
        return done;
    }

    /** 办理过程: the lead's audit events, oldest first. */
    public List<AuditEvent> timeline(WenshuUser user, String id) {
        return archive.auditEvents(get(user, id).id());
    }

    /** 收案登记簿 of {@code user}'s procuratorate (the office: of every procuratorate), optionally one year. */
    public List<Lead> register(WenshuUser user, Optional<Integer> year) {
        if (!access.keepsRegister(user)) {
            throw new AccessRefused("只有检察院和府检联动办可以查看线索登记簿");
        }
        List<Unit> units = user.unitId().isPresent() && user.role() != org.wenshu.app.accounts.Role.ADMIN
                ? List.of(archive.unit(user.unitId().get())) : procuratorates();
        return units.stream().flatMap(u -> leads.register(u.id(), year).stream()).toList();
    }

    /** A stored file of a lead: {@code index} 0… over its attachments, then its result file. */
    public Download file(WenshuUser user, String id, int index) {
        Lead lead = get(user, id);
        List<LeadFile> files = lead.files();
        if (index < 0 || index >= files.size()) {
            throw new LeadNotFound(id + " 的第 " + index + " 个文件");
        }
        LeadFile file = files.get(index);
        return new Download(file, leads.content(file));
    }

    /** A file and its bytes, for a download. */
    public record Download(LeadFile file, byte[] content) {
    }

    /** Today in the archive's zone. */
    public java.time.LocalDate today() {
        return archive.today();
    }

    private Lead handled(WenshuUser user, String id) {
        Lead lead = get(user, id);
        if (!access.canHandle(user, lead)) {
            throw new AccessRefused("只有接收线索的检察院可以受理、决定和反馈结果");
        }
        return lead;
    }
}
