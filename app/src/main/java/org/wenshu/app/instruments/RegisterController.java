package org.wenshu.app.instruments;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.archive.Unit;
import org.wenshu.templates.InstrumentCatalog;

/**
 * 发文登记簿: the instruments the user's procuratorate issued, filtered by type, 主送 unit, status, year and overdue,
 * a page at a time, with the due dates and days left; and the void (作废) numbers of the register, which are never
 * reused and must stay visible.
 */
@Controller
public class RegisterController implements PageController {

    static final int PAGE_SIZE = 20;

    private final Instruments instruments;
    private final InstrumentCatalog catalog;
    private final Archive archive;
    private final ZoneId zone;

    public RegisterController(Instruments instruments, InstrumentCatalog catalog, Archive archive,
                              @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone) {
        this.instruments = instruments;
        this.catalog = catalog;
        this.archive = archive;
        this.zone = zone;
    }

    /** The filters as the form sends them; blank means "any". */
    public record Filters(String type, String unit, String status, Integer year, boolean overdue) {
    }

    @GetMapping("/instruments")
    public String register(@AuthenticationPrincipal WenshuUser user, @RequestParam Optional<String> type,
                           @RequestParam Optional<String> unit, @RequestParam Optional<String> status,
                           @RequestParam Optional<Integer> year, @RequestParam(defaultValue = "false") boolean overdue,
                           @RequestParam(defaultValue = "1") int page, Model model) {
        RecordQuery query = RecordQuery.all();
        Optional<String> typeId = type.filter(t -> catalog.find(t).isPresent());
        if (typeId.isPresent()) {
            query = query.type(typeId.get());
        }
        Optional<Unit> addressee = unit.filter(u -> !u.isBlank())
                .flatMap(u -> archive.units().stream().filter(x -> x.id().equals(u)).findFirst());
        if (addressee.isPresent()) {
            query = query.addressedTo(addressee.get().id());
        }
        Optional<RecordStatus> state = status.flatMap(s -> java.util.Arrays.stream(RecordStatus.values())
                .filter(v -> v.name().equals(s)).findFirst());
        if (state.isPresent()) {
            query = query.status(state.get());
        }
        if (year.isPresent()) {
            query = query.year(year.get());
        }
        if (overdue) {
            query = query.overdueOn(instruments.today());
        }
        int current = Math.max(1, page);
        RecordQuery.Page result = instruments.list(user, query, (current - 1) * PAGE_SIZE, PAGE_SIZE);
        var today = instruments.today();
        model.addAttribute("rows", result.items().stream().map(r -> RecordRow.of(r, today, zone)).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("filters", new Filters(typeId.orElse(""), addressee.map(Unit::id).orElse(""),
                state.map(Enum::name).orElse(""), year.orElse(null), overdue));
        model.addAttribute("types", catalog.types());
        model.addAttribute("units", archive.units());
        model.addAttribute("statuses", RecordStatus.values());
        int thisYear = today.getYear();
        model.addAttribute("years", List.of(thisYear, thisYear - 1, thisYear - 2, thisYear - 3));
        List<RegisterEntry> voided = instruments.register(user, year, Optional.of(RegisterEntry.State.VOID), 0,
                Integer.MAX_VALUE).items();
        model.addAttribute("voided", voided);
        model.addAttribute("unitNames", archive.units().stream()
                .collect(java.util.stream.Collectors.toMap(Unit::id, Unit::name, (a, b) -> a)));
        return "instruments/register";
    }
}
