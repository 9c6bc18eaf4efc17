package org.wenshu.app.bulk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.Unit;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.bulk.AlreadyIssued;
import org.wenshu.batch.bulk.BaseDataInvalid;
import org.wenshu.batch.bulk.BulkIssueLedger;
import org.wenshu.batch.bulk.BulkIssueInput;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.bulk.BulkRows;
import org.wenshu.batch.bulk.ListEncoding;
import org.wenshu.batch.bulk.ListNotUtf8;
import org.wenshu.batch.bulk.ListRefused;
import org.wenshu.batch.bulk.ListValidation;
import org.wenshu.batch.bulk.RecipientLists;
import org.wenshu.batch.bulk.RowProblem;
import org.wenshu.batch.bulk.UnknownEncoding;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.TypeIssuedElsewhere;
import org.wenshu.templates.UnknownInstrumentType;

/**
 * 批量发文 from the web: keeps an upload, checks it row by row exactly as the bulk-issue job will (plus who may issue
 * for each row's issuing unit; a row whose unit is not the user's or has no seal blocks the whole upload), starts the
 * job in the background and reports its progress. The job instance is identified by the type, the SHA-256 of the
 * list and the base data and the list's effective encoding (however it was spelled), as on the command line:
 * confirming the same upload again (a double click, a second tab, another spelling of its encoding, the CLI) never
 * issues twice — it finds the running or completed execution, or resumes a failed one.
 */
public final class BulkIssues implements DisposableBean {

    /** Job parameters (not identifying) naming who started an execution, for the access rule. */
    static final String REQUESTED_BY = "requestedBy";
    static final String REQUESTED_UNIT = "requestedUnit";

    private final BatchJobs jobs;
    private final InstrumentCatalog catalog;
    private final BatchSettings settings;
    private final InstrumentIssuer issuer;
    private final Archive archive;
    private final InstrumentAccess access;
    private final BulkUploads uploads;
    private final BackgroundJobs background;
    private final BulkIssueLedger ledger;

    /** The most characters of a text part (type, encoding, skipLimit): far more than any valid value. */
    static final int MAX_TEXT_PART = 100;

    private long maxRequestBytes = 60L * 1024 * 1024;

    public BulkIssues(BatchJobs jobs, JobRepository repository, PlatformTransactionManager transactions,
                      InstrumentCatalog catalog, BatchSettings settings, InstrumentIssuer issuer, Archive archive,
                      InstrumentAccess access, BulkIssueLedger ledger, Path folder) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.settings = settings;
        this.issuer = issuer;
        this.archive = archive;
        this.access = access;
        this.uploads = new BulkUploads(folder, settings);
        this.background = new BackgroundJobs(repository, transactions);
        this.ledger = ledger;
    }

    /** The types the office may bulk issue: not those with their own workflow (会议纪要). */
    public List<InstrumentType> types() {
        return catalog.standaloneTypes();
    }

    /**
     * The type {@code id} for a list template.
     *
     * @throws UnknownInstrumentType for an unknown id
     * @throws TypeIssuedElsewhere for a type with its own workflow (会议纪要)
     */
    public InstrumentType templateType(String id) {
        return catalog.requireStandalone(id);
    }

    /** The largest upload (request) the servlet container takes, in bytes ({@code spring.servlet.multipart.max-request-size}). */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Sets {@link #maxRequestBytes()}, as configured. */
    public void maxRequestBytes(long bytes) {
        this.maxRequestBytes = bytes;
    }

    /** How a text part too long is told, wherever it is found (here, or by the servlet container). */
    static String textTooLong(String field) {
        return "「" + field + "」过长：" + switch (field) {
            case "type" -> "文书类型 id 如 meeting-notice";
            case "encoding" -> "编码名称如 GB18030";
            default -> "跳过上限为整数";
        } + "，不超过 " + MAX_TEXT_PART + " 个字符";
    }

    /** The largest recipient list accepted: bytes and data rows. */
    public BatchSettings limits() {
        return settings;
    }

    /**
     * Keeps the uploaded files under their SHA-256 (the same bytes twice are kept once).
     *
     * @throws UploadRefused for an unknown type or encoding, a missing or empty part, a list or base data file too large
     */
    public StoredUpload store(WenshuUser user, BulkUpload upload) {
        requireIssuer(user);
        if (upload.typeId() != null && upload.typeId().length() > MAX_TEXT_PART) {
            throw new UploadRefused("type", "upload-too-large", textTooLong("type"));
        }
        if (upload.encoding().map(String::length).orElse(0) > MAX_TEXT_PART) {
            throw new UploadRefused("encoding", "upload-too-large", textTooLong("encoding"));
        }
        type(upload.typeId());
        upload.encoding().filter(encoding -> !encoding.isBlank()).ifPresent(BulkIssues::encoding);
        return uploads.store(upload);
    }

    /**
     * Checks every row of {@code upload} as the job will, and whether {@code user} may start it; valid rows asking for
     * an instrument already issued — by another list, or by an earlier execution of this same upload (then naming
     * that execution) — are named apart (with its number when the user may see it) and not counted as rows to issue.
     *
     * @throws UploadRefused when the files cannot be used at all (encoding, format, headers, base data)
     * @throws AccessRefused when the user's role does not issue instruments
     */
    public BulkPreview validate(WenshuUser user, StoredUpload upload) {
        requireIssuer(user);
        InstrumentType type = type(upload.typeId());
        JobParameters parameters = parameters(user, upload);
        BulkIssueInput input;
        try {
            input = new BulkIssueInput(parameters, catalog, new RecipientLists(settings.maxRows(), settings.maxListBytes()),
                    issuer, archive);
        } catch (ListRefused refused) {
            // The kept files are named by their hashes; the user knows them as the files they uploaded. How to name
            // an encoding differs by channel: the page and the API word it (UploadRefused.message), not the job.
            boolean gb18030 = refused instanceof ListNotUtf8 notUtf8 && notUtf8.looksGb18030();
            String message = named(named(refused instanceof ListNotUtf8 notUtf8 ? notUtf8.reason() : refused.getMessage(),
                    upload.listFile(), upload.listName()), upload.dataFile(), upload.dataName());
            if (refused instanceof BaseDataInvalid invalid) {
                throw new UploadRefused("data", message, invalid.problems());
            }
            throw new UploadRefused(message.startsWith("基础数据") ? "data" : "list", message, gb18030);
        }
        long skipLimit = parameters.getLong(BulkIssueParameters.SKIP_LIMIT);
        Optional<BulkPreview.EarlierRun> earlier = earlierRun(user, parameters);
        Optional<Long> shownRun = earlier.filter(BulkPreview.EarlierRun::visible).map(BulkPreview.EarlierRun::id);
        String unitColumn = issuingUnitColumn(type, input.table().headers());
        List<RowProblem> blocking = new ArrayList<>();
        Map<String, Optional<String>> refusals = new HashMap<>();
        // A row whose issuing unit is not the user's, or has no seal, stops the whole upload: issuing the other rows
        // would silently leave out instruments the user meant to send.
        ListValidation validation = ListValidation.of(input.table(), input.rows(), skipLimit, (row, checked) -> {
            checked.unsealed().ifPresent(blocking::add);
            Optional<String> refusal = checked.issuingUnit()
                    .flatMap(name -> refusals.computeIfAbsent(name, unit -> refusal(user, unit)));
            if (refusal.isEmpty()) {
                return List.of();
            }
            RowProblem problem = new RowProblem(row.number(), unitColumn, refusal.get());
            blocking.add(problem);
            return List.of(problem);
        }, valid -> alreadyIssued(user, input, valid, shownRun));
        return new BulkPreview(upload, type, validation, blocking, skipLimit, earlier);
    }

    /**
     * The last execution of the job instance {@code parameters} identify (the same upload confirmed before, from the
     * web, the API or the command line), a dead one recovered first so that it is told as interrupted.
     */
    private Optional<BulkPreview.EarlierRun> earlierRun(WenshuUser user, JobParameters parameters) {
        Optional<JobExecution> last = jobs.last(BulkIssueJobConfiguration.JOB, parameters);
        if (last.isPresent() && jobs.recoverIfDead(last.get())) {
            last = jobs.execution(last.get().getId());
        }
        return last.map(execution -> new BulkPreview.EarlierRun(execution.getId(), visible(user, execution),
                execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED,
                progress(execution).statusLabel(), startedElsewhere(execution)));
    }

    /**
     * The instrument a valid row asks for that was issued before, as the job will find it (so the row is not counted
     * among those to issue); its number only when {@code user} may see that instrument.
     */
    private Optional<AlreadyIssued> alreadyIssued(WenshuUser user, BulkIssueInput input, BulkRows.Checked valid,
                                                  Optional<Long> shownRun) {
        // Issued from this very list by an earlier execution: the job would find it under the row's key and issue
        // nothing, so the row is not one to issue (the job's own look-up, issuedAlike, leaves it out for a restart).
        Optional<InstrumentRecord> own = input.issuedByThisList(valid.row());
        if (own.isPresent()) {
            return Optional.of(new AlreadyIssued(valid.row().number(),
                    access.canSee(user, own.get()) ? Optional.of(own.get().number().text()) : Optional.empty(), shownRun));
        }
        Optional<InstrumentRecord> alike;
        try {
            alike = input.issuedAlike(valid.row(), valid.request().orElseThrow());
        } catch (ArchiveRefusal removed) {
            return Optional.empty(); // the unit was removed since the row was checked: the job will report the row
        }
        return alike.map(record -> new AlreadyIssued(valid.row().number(),
                access.canSee(user, record) ? Optional.of(record.number().text()) : Optional.empty()));
    }

    /**
     * Starts the bulk issue of {@code upload} in the background, or finds the execution of the same upload that runs
     * or has completed (then nothing new is started).
     *
     * @throws RowsRefused when a row names an issuing unit the user may not issue for or one without a seal (403 /
     *                     422), when more rows are bad than the skip limit allows, or when no row is valid
     * @throws ExecutionConflict when the same upload was already started by a unit the user may not see
     */
    public Started start(WenshuUser user, StoredUpload upload) {
        BulkPreview preview = validate(user, upload);
        if (!preview.blocking().isEmpty()) {
            throw blocked(preview, "整份名单未发文");
        }
        if (preview.validation().stoppedEarly()) {
            throw new RowsRefused("too-many-bad-rows", "名单中至少 " + preview.validation().badRows()
                    + " 行有错误，超过跳过上限 " + preview.skipLimit() + "，未发文", preview.validation().problems(), false);
        }
        // With nothing left to issue, the same upload confirmed before still leads to its execution (below).
        if (preview.validation().valid() == 0 && preview.earlier().isEmpty()) {
            int issued = preview.validation().alreadyIssued().size();
            throw new RowsRefused("no-valid-rows", issued == 0 ? "名单中没有可以发文的行，未发文"
                    : "名单中没有需要发文的行（" + issued + " 行已发过文，不会重复发文），未发文", preview.validation().problems(), false);
        }
        JobParameters parameters = parameters(user, upload);
        JobExecution execution;
        boolean started = true;
        synchronized (this) { // two confirms of one upload at once on this node: the second finds the first's execution
            try {
                execution = jobs.run(BulkIssueJobConfiguration.JOB, parameters, background.operator());
            } catch (BatchJobs.JobRefused refused) {
                execution = refused.execution().orElseThrow(() -> new ExecutionConflict(refused.getMessage()));
                started = false;
            }
        }
        if (!started && !visible(user, execution)) {
            throw new ExecutionConflict(startedElsewhere(execution));
        }
        return new Started(execution.getId(), started, preview.validation().rows(), preview.validation().valid());
    }

    /**
     * The id of the execution started or found, whether this call started it, and the counts of the check that
     * preceded it (the job's validation step finds the same, a moment later).
     *
     * @param executionId the job execution id
     * @param started     false when the same upload's execution was running or had completed already
     * @param rows        data rows of the list
     * @param valid       rows found valid
     */
    public record Started(long executionId, boolean started, int rows, int valid) {
    }

    /**
     * The progress and report of execution {@code id}.
     *
     * @throws ResourceNotFound for an unknown id, another job's execution, or one the user may not see
     */
    public BulkProgress progress(WenshuUser user, long id) {
        requireIssuer(user);
        JobExecution execution = visibleExecution(user, id);
        if (jobs.recoverIfDead(execution)) {
            execution = jobs.execution(id).orElseThrow();
        }
        return progress(execution);
    }

    private BulkProgress progress(JobExecution execution) {
        String typeId = execution.getJobParameters().getString(BulkIssueParameters.TYPE);
        List<org.springframework.batch.core.step.StepExecution> steps = jobs.steps(execution);
        return BulkProgress.of(execution, steps, ledger.tally(execution),
                catalog.find(typeId).map(InstrumentType::name).orElse(typeId),
                Optional.ofNullable(execution.getJobParameters().getString(REQUESTED_BY)).orElse("命令行"), archive.zone());
    }

    /**
     * The records issued by execution {@code id} itself (so far), in list order: at most {@code limit} from
     * {@code offset}. A resumed list's earlier rows are listed by the executions that issued them.
     *
     * @throws ResourceNotFound as {@link #progress}
     */
    public List<IssuedRecord> issued(WenshuUser user, long id, int offset, int limit) {
        requireIssuer(user);
        JobExecution execution = visibleExecution(user, id);
        return ledger.issued(execution, offset, limit).stream().map(issued -> {
            InstrumentRecord record = issued.record();
            return new IssuedRecord(issued.row(), record.id(), record.number().text(), record.title(),
                    record.recipients().stream().map(Unit::name).toList());
        }).toList();
    }

    /** One issued row: its row number in the list and the record it became. */
    public record IssuedRecord(int row, String recordId, String number, String title, List<String> recipients) {
    }

    /** The bulk-issue executions {@code user} may see, newest first, at most {@code limit}. */
    public List<BulkProgress> recent(WenshuUser user, int limit) {
        return page(user, 0, limit).executions();
    }

    /**
     * One page of the bulk-issue executions {@code user} may see now (the rule of {@link #progress}), newest first.
     *
     * @param page 0-based page number
     * @param size executions per page, 1–100
     */
    public Page page(WenshuUser user, int page, int size) {
        requireIssuer(user);
        List<JobExecution> visible = new ArrayList<>();
        for (JobExecution execution : jobs.recent(Integer.MAX_VALUE, BulkIssueJobConfiguration.JOB)) {
            if (visible(user, execution)) {
                visible.add(execution);
            }
        }
        List<BulkProgress> shown = new ArrayList<>();
        for (int i = page * size; i < visible.size() && shown.size() < size; i++) {
            shown.add(progress(visible.get(i)));
        }
        return new Page(shown, visible.size(), page, size);
    }

    /**
     * A page of executions.
     *
     * @param executions the executions of the page, newest first
     * @param total      executions the user may see in all
     * @param page       0-based page number
     * @param size       executions per page
     */
    public record Page(List<BulkProgress> executions, long total, int page, int size) {
    }

    /**
     * Resumes the list of failed (or killed) execution {@code id} from its last commit, as a new execution of the same
     * job instance (as {@code wenshu batch restart ID}): rows issued before are not issued again. The same checks as
     * a start apply to {@code user}; the new execution is started by them for the unit that started the list.
     *
     * @throws ResourceNotFound    as {@link #progress}
     * @throws RestartRefused      when the execution runs, completed, or was resumed already (then naming the
     *                             execution that resumed it)
     * @throws RowsRefused         as {@link #start}
     * @throws UploadRefused       when the kept files are gone
     */
    public Started restart(WenshuUser user, long id) {
        requireIssuer(user);
        JobExecution execution = visibleExecution(user, id);
        if (jobs.recoverIfDead(execution)) {
            execution = jobs.execution(id).orElseThrow();
        }
        synchronized (this) { // a double click: the second finds the first's continuation
            refuseRestart(execution);
            JobParameters original = execution.getJobParameters();
            String list = Path.of(original.getString(BulkIssueParameters.FILE)).getFileName().toString();
            String data = Path.of(original.getString(BulkIssueParameters.DATA)).getFileName().toString();
            Long skipLimit = original.getLong(BulkIssueParameters.SKIP_LIMIT);
            StoredUpload upload = new StoredUpload(original.getString(BulkIssueParameters.TYPE), list, data,
                    Optional.ofNullable(original.getString(BulkIssueParameters.ENCODING)),
                    Optional.ofNullable(skipLimit).map(Long::intValue));
            BulkPreview preview = validate(user, upload);
            if (!preview.blocking().isEmpty()) {
                throw blocked(preview, "不能继续发文");
            }
            // The list stays the unit's that started it (who may see it); who resumed it is the new requester.
            JobParameters parameters = new JobParametersBuilder(original)
                    .addString(REQUESTED_BY, user.getUsername(), false).toJobParameters();
            JobExecution resumed;
            try {
                resumed = jobs.run(BulkIssueJobConfiguration.JOB, parameters, background.operator());
            } catch (BatchJobs.JobRefused refused) {
                JobExecution found = jobs.execution(id).orElse(execution);
                refuseRestart(found);
                throw new RestartRefused("refused", "批量发文 #" + id + " 不能继续：" + refused.getMessage(), Optional.empty());
            }
            return new Started(resumed.getId(), true, preview.validation().rows(), preview.validation().valid());
        }
    }

    /**
     * The refusal of an upload with blocking rows: {@code rows-forbidden} when a row's issuing unit is not the user's,
     * told by such a row (a row may also lack a seal, found first, and a seal is not what the user must fix then),
     * else {@code rows-unsealed}, told by its first row.
     */
    private static RowsRefused blocked(BulkPreview preview, String outcome) {
        Optional<RowProblem> forbidden = preview.blocking().stream().filter(p -> p.reason().startsWith(NOT_YOURS))
                .findFirst();
        RowProblem told = forbidden.orElse(preview.blocking().get(0));
        return new RowsRefused(forbidden.isPresent() ? "rows-forbidden" : "rows-unsealed", "名单中有 "
                + preview.blockingRows() + " 行不能以其发文机关的名义发出，" + outcome + "：" + told.describe(),
                preview.blocking(), true);
    }

    /** Refuses to resume {@code execution} when it runs, completed, or has a continuation. */
    private void refuseRestart(JobExecution execution) {
        long id = execution.getId();
        Optional<Long> continuedBy = jobs.instanceExecutions(execution).stream().map(JobExecution::getId)
                .filter(other -> other > id).findFirst();
        if (continuedBy.isPresent()) {
            throw new RestartRefused("continued", "批量发文 #" + id + " 已由 #" + continuedBy.get() + " 继续，不会重复发文",
                    continuedBy);
        }
        if (execution.isRunning()) {
            throw new RestartRefused("running", "批量发文 #" + id + " 正在进行，不需要继续", Optional.of(id));
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new RestartRefused("completed", "批量发文 #" + id + " 已经完成，不需要继续", Optional.of(id));
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static final String NOT_YOURS = "当前账号不能以";

    /** Why {@code user} may not issue in the name of the (known) unit {@code unitName}; empty when they may. */
    private Optional<String> refusal(WenshuUser user, String unitName) {
        Unit unit;
        try {
            unit = archive.unit(unitName);
        } catch (ArchiveRefusal unknown) {
            return Optional.of(unknown.getMessage()); // removed since the row was checked
        }
        if (!access.canIssueFor(user, unit.id())) {
            return Optional.of(NOT_YOURS + "「" + unit.name() + "」的名义发文");
        }
        return Optional.empty();
    }

    /**
     * Why the same upload is not issued again when its execution is one {@code user} may not see: who started it,
     * told honestly (the command line, an account of no unit — the office's administrators —, or another unit), and
     * where the instruments can be seen. Never the execution's id: the user would get 404 for it. Every row passed
     * the user's own check, so each instrument bears an issuing unit the user may issue for, and the register shows it.
     */
    static String startedElsewhere(JobExecution execution) {
        String by = execution.getJobParameters().getString(REQUESTED_BY);
        String unit = execution.getJobParameters().getString(REQUESTED_UNIT);
        String who = by == null ? "已在服务器命令行批量发文"
                : unit == null || unit.isEmpty() ? "已由管理员账号批量发文"
                : "已由其他单位的账号批量发文";
        return "同一份名单和基础数据" + who + "，不会重复发文；发出的文书以名单中的发文机关（您可代为发文的单位）名义发出，"
                + "文号可在发文登记簿中查看";
    }

    /**
     * {@code message} with the kept file {@code kept} called by the name the user uploaded it as; without one the
     * sentence reads without a name ("名单文件 不是…" becomes "名单文件不是…").
     */
    static String named(String message, String kept, String uploadedName) {
        String quoted = java.util.regex.Pattern.quote(kept);
        if (!uploadedName.isEmpty()) {
            return message.replaceAll(quoted, java.util.regex.Matcher.quoteReplacement(uploadedName));
        }
        return message.replaceAll(" ?" + quoted + " ?", "").replace("：（", "（").replaceAll("：$", "");
    }

    private static String issuingUnitColumn(InstrumentType type, List<String> headers) {
        FieldSpec field = type.field(InstrumentCatalog.ISSUING_UNIT_FIELD).orElse(null);
        if (field == null) {
            return "发文机关";
        }
        return headers.stream().map(String::strip).filter(h -> h.equals(field.name()) || h.equals(field.label()))
                .findFirst().orElse(field.label() + "（基础数据）");
    }

    private JobExecution visibleExecution(WenshuUser user, long id) {
        return jobs.execution(id).filter(execution -> visible(user, execution))
                .orElseThrow(() -> new ResourceNotFound("没有编号为 " + id + " 的批量发文，或者您无权查看"));
    }

    /** ADMIN sees every bulk issue; a PROSECUTOR those started by their procuratorate or its offices. */
    boolean visible(WenshuUser user, JobExecution execution) {
        if (!BulkIssueJobConfiguration.JOB.equals(execution.getJobInstance().getJobName())) {
            return false;
        }
        if (user.role() == Role.ADMIN) {
            return true;
        }
        String unit = execution.getJobParameters().getString(REQUESTED_UNIT);
        return user.role() == Role.PROSECUTOR && unit != null && access.issuingScope(user).contains(unit);
    }

    private void requireIssuer(WenshuUser user) {
        if (!access.canIssue(user)) {
            throw new AccessRefused("只有检察官和领导小组办公室可以批量发文");
        }
    }

    private static void encoding(String name) {
        try {
            ListEncoding.named(name);
        } catch (UnknownEncoding unknown) {
            throw new UploadRefused(BulkIssueParameters.ENCODING, unknown.getMessage());
        }
    }

    private InstrumentType type(String typeId) {
        if (typeId == null || typeId.isBlank()) {
            throw new UploadRefused("type", "缺少文书类型 type");
        }
        try {
            return catalog.requireStandalone(typeId.strip());
        } catch (UnknownInstrumentType unknown) {
            throw new UploadRefused("type", unknown.getMessage());
        } catch (TypeIssuedElsewhere elsewhere) {
            throw new UploadRefused("type", "type-issued-elsewhere", elsewhere.getMessage());
        }
    }

    private JobParameters parameters(WenshuUser user, StoredUpload upload) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(BulkIssueParameters.TYPE, upload.typeId());
        arguments.put(BulkIssueParameters.FILE, uploads.path(upload.listFile()).toString());
        arguments.put(BulkIssueParameters.DATA, uploads.path(upload.dataFile()).toString());
        upload.encoding().ifPresent(encoding -> arguments.put(BulkIssueParameters.ENCODING, encoding));
        upload.skipLimit().ifPresent(limit -> arguments.put(BulkIssueParameters.SKIP_LIMIT, Integer.toString(limit)));
        JobParameters parameters;
        try {
            parameters = BulkIssueParameters.of(arguments, catalog, settings.skipLimit());
        } catch (UnknownEncoding unknown) {
            throw new UploadRefused(BulkIssueParameters.ENCODING, unknown.getMessage());
        } catch (ListRefused refused) {
            throw new UploadRefused(refused.getMessage().contains("skipLimit") ? "skipLimit" : "upload",
                    refused.getMessage().contains("skipLimit") ? refused.getMessage()
                            : "上传的文件已失效，请重新上传名单和基础数据");
        }
        return new JobParametersBuilder(parameters)
                .addString(REQUESTED_BY, user.getUsername(), false)
                .addString(REQUESTED_UNIT, user.unitId().orElse(""), false)
                .toJobParameters();
    }

    @Override
    public void destroy() {
        background.close();
    }
}
