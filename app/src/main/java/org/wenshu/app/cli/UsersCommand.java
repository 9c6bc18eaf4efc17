package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.accounts.Account;
import org.wenshu.app.accounts.AccountInvalid;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.ApiTokens;
import org.wenshu.app.accounts.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu users add|list|disable|enable|password|token}: accounts of the web application and the API. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "用户管理 (accounts of the web application)",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.Enable.class, UsersCommand.Password.class, UsersCommand.Token.class})
public class UsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "请指定子命令：add、list、disable、enable、password、token");
    }

    static Accounts accounts(ObjectProvider<Accounts> provider) {
        return provider.getObject();
    }

    static ExitCodes.BadInput bad(AccountInvalid e) {
        return new ExitCodes.BadInput(e.getMessage(), e);
    }

    /** {@code users add NAME --role R [--unit U] [--name 姓名]}: the password is read from standard input or generated. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "新建用户；密码从标准输入读取（--password-stdin）或随机生成并显示一次")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "USERNAME", description = "用户名（小写字母、数字、. _ -）")
        String username;
        @Option(names = "--role", required = true, description = "PROSECUTOR | AGENCY | RESEARCHER | ADMIN（或中文角色名）")
        String role;
        @Option(names = "--unit", description = "所属单位（检察官、行政机关联络员必填）：id、全称或简称")
        String unit;
        @Option(names = "--name", description = "姓名（显示用）")
        String displayName;
        @Option(names = "--password-stdin", description = "从标准输入读取密码（一行）")
        boolean passwordStdin;

        private final ObjectProvider<Accounts> accounts;

        Add(ObjectProvider<Accounts> accounts) {
            this.accounts = accounts;
        }

        @Override
        public Integer call() throws Exception {
            Role parsed = Role.parse(role).orElseThrow(() -> new ExitCodes.BadInput(
                    "角色「" + role + "」无效：可选 PROSECUTOR、AGENCY、RESEARCHER、ADMIN"));
            String password;
            boolean generated = !passwordStdin;
            if (passwordStdin) {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            } else {
                password = Accounts.generatePassword();
            }
            try {
                Account account = accounts(accounts).create(username, displayName, parsed, Optional.ofNullable(unit),
                        password, false);
                PrintWriter out = spec.commandLine().getOut();
                out.println("已创建用户 " + account.username() + "（" + account.role().label()
                        + account.unitId().map(u -> "，" + u).orElse("") + "）");
                if (generated) {
                    out.println("初始密码（只显示这一次）：" + password);
                }
                return ExitCodes.OK;
            } catch (AccountInvalid e) {
                throw bad(e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "列出用户")
    static class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final ObjectProvider<Accounts> accounts;

        ListUsers(ObjectProvider<Accounts> accounts) {
            this.accounts = accounts;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Account> all = accounts(accounts).list(0, 10_000);
            if (all.isEmpty()) {
                out.println("（尚无用户：./wenshu users add NAME --role ADMIN）");
            }
            for (Account a : all) {
                out.printf("%-20s %-10s %-24s %s%s%n", a.username(), a.role().name(), a.unitId().orElse("-"),
                        a.enabled() ? "启用" : "停用", a.demo() ? "  演示账号" : "");
            }
            return ExitCodes.OK;
        }
    }

    /** A change to one existing account; the subclass makes it and says what it did, in Chinese. */
    abstract static class AccountChange implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        private final ObjectProvider<Accounts> accounts;

        AccountChange(ObjectProvider<Accounts> accounts) {
            this.accounts = accounts;
        }

        /** Makes the change and returns the line to print; throws {@link AccountInvalid} for an unknown user. */
        abstract String change(Accounts accounts) throws Exception;

        @Override
        public Integer call() throws Exception {
            String done;
            try {
                done = change(accounts(accounts));
            } catch (AccountInvalid e) {
                throw bad(e);
            }
            spec.commandLine().getOut().println(done);
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "停用用户（其会话和令牌立即失效）")
    static class Disable extends AccountChange {
        Disable(ObjectProvider<Accounts> accounts) {
            super(accounts);
        }

        @Override
        String change(Accounts accounts) {
            accounts.setEnabled(username, false);
            return "已停用 " + username;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "重新启用用户")
    static class Enable extends AccountChange {
        Enable(ObjectProvider<Accounts> accounts) {
            super(accounts);
        }

        @Override
        String change(Accounts accounts) {
            accounts.setEnabled(username, true);
            return "已启用 " + username;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "重设密码：从标准输入读取，或随机生成并显示一次")
    static class Password extends AccountChange {
        @Option(names = "--password-stdin", description = "从标准输入读取密码（一行）")
        boolean passwordStdin;

        Password(ObjectProvider<Accounts> accounts) {
            super(accounts);
        }

        @Override
        String change(Accounts accounts) throws Exception {
            String password = passwordStdin ? Optional.ofNullable(new java.io.BufferedReader(new java.io.InputStreamReader(
                    System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine()).orElse("") : Accounts.generatePassword();
            accounts.changePassword(username, password);
            return "已重设 " + username + " 的密码" + (passwordStdin ? "" : "：" + password);
        }
    }

    /** {@code users token NAME --create LABEL | --list | --revoke ID}. */
    @Command(name = "token", mixinStandardHelpOptions = true, description = "个人 API 令牌：创建（显示一次）、列出、撤销")
    static class Token implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;
        @Option(names = "--create", paramLabel = "LABEL", description = "创建令牌并命名")
        String create;
        @Option(names = "--revoke", paramLabel = "ID", description = "撤销令牌")
        String revoke;
        private final ObjectProvider<Accounts> accounts;
        private final ObjectProvider<ApiTokens> tokens;

        Token(ObjectProvider<Accounts> accounts, ObjectProvider<ApiTokens> tokens) {
            this.accounts = accounts;
            this.tokens = tokens;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Account account;
            try {
                account = accounts(accounts).require(username);
            } catch (AccountInvalid e) {
                throw bad(e);
            }
            if (create != null && revoke != null) {
                throw new ExitCodes.BadInput("--create 与 --revoke 只能选一个");
            }
            if (create != null) {
                try {
                    ApiTokens.CreatedToken token = tokens.getObject().create(account, create);
                    out.println("令牌 " + token.info().id() + "（" + token.info().name() + "），只显示这一次：");
                    out.println(token.secret());
                } catch (AccountInvalid e) {
                    throw bad(e);
                }
            } else if (revoke != null) {
                if (!tokens.getObject().revoke(account, revoke)) {
                    throw new ExitCodes.BadInput(username + " 没有未撤销的令牌 " + revoke);
                }
                out.println("已撤销令牌 " + revoke);
            } else {
                for (ApiTokens.TokenInfo info : tokens.getObject().list(account)) {
                    out.printf("%s  %-20s 创建于 %s%s%n", info.id(), info.name(), info.createdAt(),
                            info.revokedAt().map(r -> "  已撤销 " + r).orElse(""));
                }
            }
            return ExitCodes.OK;
        }
    }
}
