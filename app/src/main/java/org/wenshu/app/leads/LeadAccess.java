package org.wenshu.app.leads;

import java.util.Set;

import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadQuery;

/**
 * 线索访问控制: the one place for who may see and act on a lead, for pages, API, downloads and counts alike.
 * <ul>
 * <li>AGENCY files leads for its unit and sees those its unit filed — never another agency's;</li>
 * <li>PROSECUTOR sees and handles (受理, 决定, 结果反馈) the leads sent to their procuratorate;</li>
 * <li>ADMIN (the coordination office) sees every lead and changes none;</li>
 * <li>RESEARCHER sees no lead.</li>
 * </ul>
 * A lead a user may not see is reported as not found, so its id reveals nothing.
 */
public final class LeadAccess {

    private final InstrumentAccess instruments;

    public LeadAccess(InstrumentAccess instruments) {
        this.instruments = instruments;
    }

    /** Narrows {@code query} to the leads {@code user} may see; {@link AccessRefused} for researchers. */
    public LeadQuery narrow(WenshuUser user, LeadQuery query) {
        return switch (user.role()) {
            case ADMIN -> query;
            case AGENCY -> query.filedBy(user.unitId().orElseThrow());
            case PROSECUTOR -> query.partiesAmong(procuratorate(user));
            case RESEARCHER -> throw new AccessRefused("研究人员无权查看线索");
        };
    }

    /** Whether {@code user} may see {@code lead}: the filing agency, the receiving procuratorate, the office. */
    public boolean canSee(WenshuUser user, Lead lead) {
        return switch (user.role()) {
            case ADMIN -> true;
            case AGENCY -> user.unitId().filter(lead.filingUnit().id()::equals).isPresent();
            case PROSECUTOR -> procuratorate(user).contains(lead.receivingUnit().id());
            case RESEARCHER -> false;
        };
    }

    /** Whether {@code user} files leads (an AGENCY officer, for their own unit). */
    public boolean canFile(WenshuUser user) {
        return user.role() == Role.AGENCY;
    }

    /** Whether {@code user} acknowledges, decides and answers {@code lead}: a prosecutor of the receiving procuratorate. */
    public boolean canHandle(WenshuUser user, Lead lead) {
        return user.role() == Role.PROSECUTOR && procuratorate(user).contains(lead.receivingUnit().id());
    }

    /** Whether {@code user} keeps a register of received leads (a prosecutor, or the office reading all). */
    public boolean keepsRegister(WenshuUser user) {
        return user.role() == Role.PROSECUTOR || user.role() == Role.ADMIN;
    }

    private Set<String> procuratorate(WenshuUser user) {
        return instruments.issuingScope(user);
    }
}
