package org.wenshu.app.issuing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.archive.InstrumentProducer;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.ReplyTerm;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.DocumentNumber;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldValues;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.ReplyPeriod;
import org.wenshu.templates.TemplateRenderer;
import org.wenshu.templates.VerificationMark;

/**
 * Issues with the template catalog and the generator: the type validates the fields and gives the number prefix,
 * reply period and addressees; once the archive has reserved the number, the instrument is rendered with it and
 * sealed with the issuing unit's own seal (a unit without one cannot issue, and is told so before a number is taken).
 */
public final class TemplateInstrumentIssuing implements InstrumentIssuing {

    private final InstrumentCatalog catalog;
    private final TemplateRenderer templates;
    private final PdfRenderer pdf;
    private final ObjectProvider<UnitSeals> seals;
    private final Function<String, Optional<String>> unitNames;
    private final Clock clock;
    private final UnaryOperator<String> verificationUrls;

    /**
     * @param unitNames        the full name of the registered unit a reference as typed (id, full or short name)
     *                         names; empty when no registered unit has it
     * @param verificationUrls turns a verification code into the public URL its QR code encodes
     */
    public TemplateInstrumentIssuing(InstrumentCatalog catalog, TemplateRenderer templates, PdfRenderer pdf,
                                     ObjectProvider<UnitSeals> seals, Function<String, Optional<String>> unitNames,
                                     Clock clock, UnaryOperator<String> verificationUrls) {
        this.verificationUrls = verificationUrls;
        this.catalog = catalog;
        this.templates = templates;
        this.pdf = pdf;
        this.seals = seals;
        this.unitNames = unitNames;
        this.clock = clock;
    }

    @Override
    public IssueRequest request(String typeId, Map<String, Object> fields) {
        IssueRequest request = prepare(typeId, fields);
        requireSeal(request);
        return request;
    }

    @Override
    public void requireSeal(IssueRequest request) {
        seals.getObject().forUnit(request.issuingUnit()); // no seal, no number: refuse before the register reserves one
    }

    @Override
    public IssueRequest prepare(String typeId, Map<String, Object> fields) {
        InstrumentType type = catalog.require(typeId);
        Optional<DocumentNumber> given = Optional.ofNullable(fields.get(InstrumentCatalog.DOCUMENT_NUMBER_FIELD))
                .map(Object::toString).flatMap(DocumentNumber::parse);
        int year = dateOf(fields).map(LocalDate::getYear).orElseGet(() -> LocalDate.now(clock).getYear());
        // The archive assigns the number; validate with a well-formed provisional one so that every other field
        // problem is reported now, before a number is reserved.
        Map<String, Object> probe = withNumber(fields,
                new DocumentNumber(given.map(DocumentNumber::code).orElse(type.numberCode()), year, 1).text());
        // An instrument is dated the day it is signed, never ahead (its number's year is the date's): today in the
        // archive's zone, as the archive counts delivery dates and due days. 会议纪要 are dated by their meeting
        // (not before it) and recorded through it, not here.
        FieldValues values = InstrumentCatalog.standalone(type) ? type.validate(probe, LocalDate.now(clock))
                : type.validate(probe);
        requireRegisteredUnits(type, values);
        // Characters no font can print would fail the rendering after the number is reserved, voiding it; check
        // them now (a template run, no PDF), so the request is refused with the fields named and no number is lost.
        pdf.checkCoverage(templates.render(values));
        Map<String, Object> stored = new LinkedHashMap<>(fields);
        stored.remove(InstrumentCatalog.DOCUMENT_NUMBER_FIELD);
        String issuingUnit = unitNames.apply(values.text(InstrumentCatalog.ISSUING_UNIT_FIELD).orElseThrow())
                .orElseThrow();
        // The code (机关代字) is the issuing unit's own (GB/T 9704): 督促回复函 of the office are 荆府检联督, not the
        // procuratorate's 荆检行督; a number the user wrote with another unit's code is refused.
        String prefix = catalog.numberCode(type, issuingUnit, given.map(DocumentNumber::code));
        return new IssueRequest(type.id(), type.name(),
                values.text(InstrumentCatalog.TITLE_FIELD).orElse(type.name()),
                issuingUnit,
                recipients(values), values.list("copiesTo"), prefix, year, replyTerm(type.replyPeriod(), values),
                values.flag("urgent"), stored, Optional.empty());
    }

    /**
     * Every unit a field names (发文机关, 主送, 抄送, 参会单位 …, single or list) must be registered: the archive checks
     * only the addressees it records, while the other units are printed in the sealed instrument as they were typed.
     *
     * @throws FieldsInvalid naming each field and each unit no registered unit has
     */
    private void requireRegisteredUnits(InstrumentType type, FieldValues values) {
        List<FieldInvalid> problems = new ArrayList<>();
        values.registeredUnits().forEach((field, units) -> {
            for (int i = 0; i < units.size(); i++) {
                String unit = units.get(i);
                if (unitNames.apply(unit).isEmpty()) {
                    String where = field.isList() ? "第 " + (i + 1) + " 项" : "";
                    problems.add(new FieldInvalid(field.name(), field.label(),
                            where + "「" + unit + "」不是已登记的单位（可用单位编号、全称或简称，如 市司法局）"));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new FieldsInvalid(type.id(), problems);
        }
    }

    @Override
    public InstrumentProducer producer(IssueRequest request) {
        InstrumentType type = catalog.require(request.typeId());
        // The archive draws the verification code before rendering: the footer prints it with its QR code.
        return InstrumentProducer.printingCode((number, code) -> {
            Map<String, Object> fields = withNumber(request.fields(), number.text());
            VerificationMark mark = VerificationMark.of(code, verificationUrls.apply(code));
            byte[] rendered = pdf.render(templates.render(type, fields, mark)).content();
            return seals.getObject().forUnit(request.issuingUnit()).sign(rendered, Optional.empty());
        });
    }

    private static Map<String, Object> withNumber(Map<String, ?> fields, String number) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, number);
        return copy;
    }

    private static Optional<LocalDate> dateOf(Map<String, Object> fields) {
        try {
            return Optional.ofNullable(fields.get(InstrumentCatalog.DATE_FIELD)).map(Object::toString)
                    .map(LocalDate::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty(); // validation names the bad date
        }
    }

    private static List<String> recipients(FieldValues values) {
        List<String> many = values.list("recipients");
        return many.isEmpty() ? values.text("recipient").map(List::of).orElse(List.of()) : many;
    }

    private static ReplyTerm replyTerm(ReplyPeriod period, FieldValues values) {
        if (period instanceof ReplyPeriod.Within within) {
            return ReplyTerm.within(within.applicable(values));
        }
        if (period instanceof ReplyPeriod.ByDateField byDate) {
            return values.date(byDate.field()).map(ReplyTerm::by).orElse(ReplyTerm.none());
        }
        return ReplyTerm.none();
    }
}
