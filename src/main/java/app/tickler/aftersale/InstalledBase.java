package app.tickler.aftersale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.FollowUpId;
import app.tickler.followup.FollowUps;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.platform.Cursor;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.sales.DealId;
import app.tickler.sales.DealStatus;
import app.tickler.sales.DealSummary;
import app.tickler.sales.SalesCycle;

/**
 * The product catalogue and the installed base: what each customer has, with the ends that drive
 * renewals (seed 002 phase 5), and the lifecycle list of what ends soon.
 */
@Service
public class InstalledBase {

    static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

    static final class ProductNotFound extends NotFound {
        ProductNotFound(long id) {
            super("Product", id);
        }
    }

    static final class InstalledProductNotFound extends NotFound {
        InstalledProductNotFound(long id) {
            super("Installed product", id);
        }
    }

    /** A product to create or replace (months null: no such period). */
    public record ProductInput(String name, Integer lifespanMonths, Integer warrantyMonths, Integer serviceMonths,
            Boolean active) {
    }

    /** An installation; ends left out are derived from the product's periods. */
    public record InstalledInput(AccountId accountId, ProductId productId, Integer quantity, LocalDate installDate,
            LocalDate warrantyEnd, LocalDate serviceEnd, LocalDate endOfLife, Long dealId, String notes) {
    }

    public record LifecycleFilter(int withinDays, EndKind kind, UserId ownerId, ProductId productId) {
    }

    private static final String INSTALLED = """
            SELECT i.*, a.name AS account_name, p.name AS product_name FROM installed_products i
            JOIN accounts a ON a.workspace_id = i.workspace_id AND a.id = i.account_id
            JOIN products p ON p.workspace_id = i.workspace_id AND p.id = i.product_id
            WHERE i.workspace_id = :workspace
            """;

    private final JdbcClient jdbc;
    private final Parties parties;
    private final SalesCycle sales;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final FollowUps followUps;

    InstalledBase(JdbcClient jdbc, Parties parties, SalesCycle sales, IdGenerator ids, Clock clock, AuditLog audit,
            Timeline timeline, FollowUps followUps) {
        this.followUps = followUps;
        this.jdbc = jdbc;
        this.parties = parties;
        this.sales = sales;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
    }

    // --- products ---------------------------------------------------------------------------------

    public Page<Product> products(Boolean active, Paging paging) {
        StringBuilder sql = new StringBuilder("SELECT * FROM products WHERE workspace_id = :workspace");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        if (active != null) {
            sql.append(" AND active = :active");
            params.put("active", active);
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (name_key > :afterKey OR (name_key = :afterKey AND id > :afterId))");
            params.put("afterKey", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY name_key, id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<Product> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> product(rs)).list();
        return Page.of(rows, paging, p -> Cursor.of(key(p.name()), p.id().value()));
    }

    public Product product(ProductId id) {
        return jdbc.sql("SELECT * FROM products WHERE workspace_id = :workspace AND id = :id").param("workspace", workspace())
                .param("id", id.value()).query((rs, n) -> product(rs)).optional()
                .orElseThrow(() -> new ProductNotFound(id.value()));
    }

    @Transactional
    public Product createProduct(ProductInput input) {
        requireManager();
        String name = checkProduct(input, null);
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO products (workspace_id, id, name, name_key, lifespan_months, warranty_months, service_months, active,
                                      version, created_at, updated_at)
                VALUES (:workspace, :id, :name, :key, :lifespan, :warranty, :service, :active, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("name", name).param("key", key(name))
                .param("lifespan", input.lifespanMonths()).param("warranty", input.warrantyMonths())
                .param("service", input.serviceMonths()).param("active", input.active() == null || input.active())
                .param("now", now).update();
        audit.record("product", id, "created", Map.of("name", new Change(null, name)));
        return product(new ProductId(id));
    }

    @Transactional
    public Product updateProduct(ProductId id, ProductInput input, long version) {
        requireManager();
        Product before = product(id);
        String name = checkProduct(input, id);
        int updated = jdbc.sql("""
                UPDATE products SET name = :name, name_key = :key, lifespan_months = :lifespan, warranty_months = :warranty,
                       service_months = :service, active = :active, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("workspace", workspace()).param("id", id.value()).param("name", name).param("key", key(name))
                .param("lifespan", input.lifespanMonths()).param("warranty", input.warrantyMonths())
                .param("service", input.serviceMonths()).param("active", input.active() == null ? before.active() : input.active())
                .param("version", version).param("now", clock.millis()).update();
        if (updated != 1) {
            throw new StaleVersion("Product", before.version());
        }
        Product after = product(id);
        audit.record("product", id.value(), "updated", Map.of("name", new Change(before.name(), after.name()),
                "active", new Change(before.active(), after.active())));
        return after;
    }

    private String checkProduct(ProductInput input, ProductId self) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = input.name() == null ? null : input.name().strip();
        if (name == null || name.isEmpty()) {
            problems.add("name", "is required");
        } else if (name.length() > 200) {
            problems.add("name", "is longer than 200 characters");
        } else {
            Optional<Long> same = jdbc.sql("SELECT id FROM products WHERE workspace_id = :workspace AND name_key = :key")
                    .param("workspace", workspace()).param("key", key(name)).query(Long.class).optional();
            if (same.isPresent() && (self == null || same.get() != self.value())) {
                problems.add("name", "is already in the catalogue");
            }
        }
        months(problems, "lifespanMonths", input.lifespanMonths());
        months(problems, "warrantyMonths", input.warrantyMonths());
        months(problems, "serviceMonths", input.serviceMonths());
        problems.throwIfAny();
        return name;
    }

    private static void months(InvalidInput.Collector problems, String field, Integer value) {
        if (value != null && (value < 1 || value > 1200)) {
            problems.add(field, "must be between 1 and 1200 months");
        }
    }

    // --- installed products -----------------------------------------------------------------------

    public InstalledProduct installed(InstalledProductId id) {
        InstalledProduct found = find(id.value()).orElseThrow(() -> new InstalledProductNotFound(id.value()));
        parties.visibleAccount(found.accountId());
        return found;
    }

    /** Installed products, by account (or of the whole visible base), newest installation first. */
    public Page<InstalledProduct> installedProducts(AccountId account, ProductId product, Paging paging) {
        StringBuilder sql = new StringBuilder(INSTALLED).append(" AND a.deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        Visibility visibility = Visibility.of(Actors.current(), "a.owner_id", true);
        sql.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (account != null) {
            sql.append(" AND i.account_id = :account");
            params.put("account", account.value());
        }
        if (product != null) {
            sql.append(" AND i.product_id = :product");
            params.put("product", product.value());
        }
        if (paging.hasCursor()) {
            sql.append(" AND i.id < :after");
            params.put("after", paging.after(1).longKey(0));
        }
        sql.append(" ORDER BY i.id DESC LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<InstalledProduct> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> installed(rs)).list();
        return Page.of(rows, paging, i -> Cursor.of(i.id().value()));
    }

    /** The installed product if it exists and its account is one the caller may see. */
    public Optional<InstalledProduct> findInstalled(InstalledProductId id) {
        return find(id.value()).filter(i -> parties.account(i.accountId()).filter(a -> !a.inTrash()
                && Actors.current().canRead(a.ownerId() == null ? null : a.ownerId().value())).isPresent());
    }

    /** The catalogue's product of that name (any case), sold or not. */
    public Optional<Product> productNamed(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM products WHERE workspace_id = :workspace AND name_key = :key")
                .param("workspace", workspace()).param("key", key(name)).query((rs, n) -> product(rs)).optional();
    }

    @Transactional
    public InstalledProduct install(InstalledInput input) {
        return insert(input, "");
    }

    /**
     * Checks an installation as {@link #install} would, writing nothing: a caller that records many in one
     * transaction (an import) checks first, since a refusal inside the transaction would spoil it.
     */
    public void checkInstall(InstalledInput input) {
        check(input, "", null, true);
        writable(input.accountId());
    }

    /**
     * The "record installed products" step after a win: one installation per item, on the deal's account,
     * installed on the given date (default: today). All or nothing; errors are named {@code items[i].field}.
     */
    @Transactional
    public List<InstalledProduct> installFromDeal(DealId dealId, List<InstalledInput> items) {
        DealSummary deal = sales.deal(dealId).orElseThrow(() -> new InvalidInput("dealId", "is not a deal of this workspace"));
        if (deal.status() != DealStatus.WON) {
            throw new InvalidInput("dealId", "is not won: products are installed after a win");
        }
        if (items == null || items.isEmpty() || items.size() > 200) {
            throw new InvalidInput("items", "must list 1 to 200 products");
        }
        List<InstalledProduct> created = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            InstalledInput item = items.get(i);
            created.add(insert(new InstalledInput(deal.accountId(), item.productId(), item.quantity(),
                    item.installDate() == null ? Actors.current().today(clock) : item.installDate(), item.warrantyEnd(),
                    item.serviceEnd(), item.endOfLife(), dealId.value(), item.notes()), "items[" + i + "]."));
        }
        return created;
    }

    @Transactional
    public InstalledProduct update(InstalledProductId id, InstalledInput input, long version) {
        InstalledProduct before = installed(id);
        writable(before.accountId());
        if (input.accountId() != null && !input.accountId().equals(before.accountId())) {
            throw new InvalidInput("accountId", "cannot change: record the installation on the other account instead");
        }
        Checked checked = check(new InstalledInput(before.accountId(), input.productId() == null ? before.productId()
                : input.productId(), input.quantity(), input.installDate(), input.warrantyEnd(), input.serviceEnd(),
                input.endOfLife(), before.dealId(), input.notes()), "", id.value(), false);
        int updated = jdbc.sql("""
                UPDATE installed_products SET product_id = :product, quantity = :quantity, install_date = :install,
                       warranty_end = :warranty, service_end = :service, end_of_life = :eol, notes = :notes,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("workspace", workspace()).param("id", id.value()).param("product", checked.product().id().value())
                .param("quantity", checked.quantity()).param("install", checked.install().toString())
                .param("warranty", Rows.date(checked.warranty())).param("service", Rows.date(checked.service()))
                .param("eol", Rows.date(checked.endOfLife())).param("notes", checked.notes()).param("version", version)
                .param("now", clock.millis()).update();
        if (updated != 1) {
            throw new StaleVersion("Installed product", before.version());
        }
        writeEnds(id.value(), before.accountId().value(), checked);
        InstalledProduct after = installed(id);
        audit.record("installed_product", id.value(), "updated", Map.of(
                "installDate", new Change(before.installDate().toString(), after.installDate().toString()),
                "quantity", new Change(before.quantity(), after.quantity())));
        return after;
    }

    /**
     * Removes an installed product with what was derived from it: its ends, and its renewal notices with
     * the renewal follow-ups still open (cancelled) and the renewal deals still open (removed). A renewal
     * deal won or lost is kept. The cleaning runs as the workspace, since the follow-up or the deal may
     * be a colleague's (the account's owner's, or the first admin's).
     */
    @Transactional
    public void remove(InstalledProductId id) {
        InstalledProduct before = installed(id);
        writable(before.accountId());
        List<Map<String, Object>> notices = jdbc.sql("""
                SELECT follow_up_id, deal_id FROM renewal_notices WHERE workspace_id = :workspace AND installed_id = :id
                """).param("workspace", workspace()).param("id", id.value()).query().listOfRows();
        Actor actor = Actors.current();
        Actors.runAs(Actor.system(actor.workspaceId(), actor.zone()), () -> {
            for (Map<String, Object> notice : notices) {
                if (notice.get("follow_up_id") != null) {
                    followUps.cancel(new FollowUpId(((Number) notice.get("follow_up_id")).longValue()),
                            "its installed product was removed");
                }
                if (notice.get("deal_id") != null) {
                    DealId deal = new DealId(((Number) notice.get("deal_id")).longValue());
                    if (sales.deal(deal).filter(d -> d.status() == DealStatus.OPEN).isPresent()) {
                        sales.removeDeal(deal);
                    }
                }
            }
        });
        jdbc.sql("DELETE FROM renewal_notices WHERE workspace_id = :workspace AND installed_id = :id")
                .param("workspace", workspace()).param("id", id.value()).update();
        jdbc.sql("DELETE FROM installed_ends WHERE workspace_id = :workspace AND installed_id = :id")
                .param("workspace", workspace()).param("id", id.value()).update();
        jdbc.sql("DELETE FROM installed_products WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id.value()).update();
        audit.record("installed_product", id.value(), "deleted", Map.of("product", new Change(before.productName(), null)));
        timeline.recordChange(new Subject("account", before.accountId().value()), "aftersale.uninstalled",
                "Installed product removed: " + before.quantity() + " × " + before.productName(), Map.of());
    }

    // --- the lifecycle list -----------------------------------------------------------------------

    /** Ends from today to {@code withinDays} ahead, soonest first, filtered, within what the caller may read. */
    public Page<LifecycleEnd> lifecycle(LifecycleFilter filter, Paging paging) {
        if (filter.withinDays() < 1 || filter.withinDays() > 3660) {
            throw new InvalidInput("within", "must be between 1 and 3660 days");
        }
        LocalDate today = Actors.current().today(clock);
        StringBuilder sql = new StringBuilder("""
                SELECT e.*, a.name AS account_name, a.owner_id, u.display_name AS owner_name, p.name AS product_name,
                       i.quantity, i.install_date
                FROM installed_ends e
                JOIN installed_products i ON i.workspace_id = e.workspace_id AND i.id = e.installed_id
                JOIN accounts a ON a.workspace_id = e.workspace_id AND a.id = e.account_id
                JOIN products p ON p.workspace_id = e.workspace_id AND p.id = e.product_id
                LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = a.owner_id
                WHERE e.workspace_id = :workspace AND e.end_date >= :from AND e.end_date <= :to AND a.deleted_at IS NULL
                """);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        params.put("from", today.toString());
        params.put("to", today.plusDays(filter.withinDays()).toString());
        Visibility visibility = Visibility.of(Actors.current(), "a.owner_id", true);
        sql.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (filter.kind() != null) {
            sql.append(" AND e.kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.ownerId() != null) {
            sql.append(" AND a.owner_id = :owner");
            params.put("owner", filter.ownerId().value());
        }
        if (filter.productId() != null) {
            sql.append(" AND e.product_id = :product");
            params.put("product", filter.productId().value());
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(3);
            sql.append(" AND (e.end_date > :afterDate OR (e.end_date = :afterDate AND (e.kind > :afterKind"
                    + " OR (e.kind = :afterKind AND e.installed_id > :afterId))))");
            params.put("afterDate", after.key(0));
            params.put("afterKind", after.key(1));
            params.put("afterId", after.longKey(2));
        }
        sql.append(" ORDER BY e.end_date, e.kind, e.installed_id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<LifecycleEnd> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Long owner = Rows.nullableLong(rs, "owner_id");
            return new LifecycleEnd(new InstalledProductId(rs.getLong("installed_id")), EndKind.valueOf(rs.getString("kind")),
                    LocalDate.parse(rs.getString("end_date")), new AccountId(rs.getLong("account_id")),
                    rs.getString("account_name"), owner == null ? null : new UserId(owner), rs.getString("owner_name"),
                    new ProductId(rs.getLong("product_id")), rs.getString("product_name"), rs.getInt("quantity"),
                    LocalDate.parse(rs.getString("install_date")));
        }).list();
        return Page.of(rows, paging, e -> Cursor.of(e.endDate(), e.kind().name(), e.installedProductId().value()));
    }

    // --- rules ------------------------------------------------------------------------------------

    record Checked(Product product, int quantity, LocalDate install, LocalDate warranty, LocalDate service,
            LocalDate endOfLife, String notes) {
    }

    /** The ends an installation gets from its product's periods when none is given. */
    static LocalDate derived(LocalDate given, LocalDate install, Integer months) {
        return given != null ? given : install == null || months == null ? null : install.plusMonths(months);
    }

    /** Whether two periods [start, end] (end null: open) share a day. */
    static boolean overlap(LocalDate start1, LocalDate end1, LocalDate start2, LocalDate end2) {
        LocalDate e1 = end1 == null ? OPEN_END : end1;
        LocalDate e2 = end2 == null ? OPEN_END : end2;
        return !start1.isAfter(e2) && !start2.isAfter(e1);
    }

    private InstalledProduct insert(InstalledInput input, String prefix) {
        Checked checked = check(input, prefix, null, true);
        writable(input.accountId());
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO installed_products (workspace_id, id, account_id, product_id, quantity, install_date, warranty_end,
                                                service_end, end_of_life, deal_id, notes, version, created_at, updated_at)
                VALUES (:workspace, :id, :account, :product, :quantity, :install, :warranty, :service, :eol, :deal, :notes, 0,
                        :now, :now)
                """).param("workspace", workspace()).param("id", id).param("account", input.accountId().value())
                .param("product", checked.product().id().value()).param("quantity", checked.quantity())
                .param("install", checked.install().toString()).param("warranty", Rows.date(checked.warranty()))
                .param("service", Rows.date(checked.service())).param("eol", Rows.date(checked.endOfLife()))
                .param("deal", input.dealId()).param("notes", checked.notes()).param("now", now).update();
        writeEnds(id, input.accountId().value(), checked);
        audit.record("installed_product", id, "created", Map.of("product", new Change(null, checked.product().name())));
        timeline.recordChange(new Subject("account", input.accountId().value()), "aftersale.installed",
                "Installed: " + checked.quantity() + " × " + checked.product().name() + " on " + checked.install(), Map.of());
        return installed(new InstalledProductId(id));
    }

    private Checked check(InstalledInput input, String prefix, Long self, boolean creating) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Account account = null;
        if (input.accountId() == null) {
            problems.add(prefix + "accountId", "is required");
        } else {
            account = parties.account(input.accountId()).filter(a -> !a.inTrash()
                    && Actors.current().canRead(a.ownerId() == null ? null : a.ownerId().value())).orElse(null);
            if (account == null) {
                problems.add(prefix + "accountId", "is not an account you can see");
            }
        }
        Product product = null;
        if (input.productId() == null) {
            problems.add(prefix + "productId", "is required");
        } else {
            product = jdbc.sql("SELECT * FROM products WHERE workspace_id = :workspace AND id = :id")
                    .param("workspace", workspace()).param("id", input.productId().value()).query((rs, n) -> product(rs))
                    .optional().orElse(null);
            if (product == null) {
                problems.add(prefix + "productId", "is not a product of the catalogue");
            } else if (creating && !product.active()) {
                problems.add(prefix + "productId", "is no longer sold (inactive)");
            }
        }
        int quantity = input.quantity() == null ? 1 : input.quantity();
        problems.check(quantity >= 1 && quantity <= 1_000_000, prefix + "quantity", "must be between 1 and 1,000,000");
        LocalDate install = input.installDate();
        if (install == null) {
            problems.add(prefix + "installDate", "is required");
        }
        LocalDate warranty = derived(input.warrantyEnd(), install, product == null ? null : product.warrantyMonths());
        LocalDate service = derived(input.serviceEnd(), install, product == null ? null : product.serviceMonths());
        LocalDate endOfLife = derived(input.endOfLife(), install, product == null ? null : product.lifespanMonths());
        if (install != null) {
            problems.check(warranty == null || !warranty.isBefore(install), prefix + "warrantyEnd",
                    "is before the install date " + install);
            problems.check(service == null || !service.isBefore(install), prefix + "serviceEnd",
                    "is before the install date " + install);
            problems.check(endOfLife == null || !endOfLife.isBefore(install), prefix + "endOfLife",
                    "is before the install date " + install);
        }
        String notes = input.notes() == null || input.notes().isBlank() ? null : input.notes().strip();
        problems.check(notes == null || notes.length() <= 1000, prefix + "notes", "is longer than 1000 characters");
        if (problems.isEmpty()) {
            overlapping(input.accountId(), product, install, endOfLife, self).ifPresent(other -> problems.add(
                    prefix + "installDate", "overlaps the installation of " + other.productName() + " from "
                            + other.installDate() + (other.endOfLife() == null ? "" : " to " + other.endOfLife())
                            + " on this account"));
        }
        problems.throwIfAny();
        return new Checked(product, quantity, install, warranty, service, endOfLife, notes);
    }

    private Optional<InstalledProduct> overlapping(AccountId account, Product product, LocalDate install,
            LocalDate endOfLife, Long self) {
        return jdbc.sql(INSTALLED + """
                 AND i.account_id = :account AND i.product_id = :product AND i.id <> :self
                 AND i.install_date <= :end AND COALESCE(i.end_of_life, '9999-12-31') >= :start
                ORDER BY i.install_date LIMIT 1
                """).param("workspace", workspace()).param("account", account.value())
                .param("product", product.id().value()).param("self", self == null ? 0L : self)
                .param("end", (endOfLife == null ? OPEN_END : endOfLife).toString()).param("start", install.toString())
                .query((rs, n) -> installed(rs)).optional();
    }

    private void writeEnds(long id, long account, Checked checked) {
        jdbc.sql("DELETE FROM installed_ends WHERE workspace_id = :workspace AND installed_id = :id")
                .param("workspace", workspace()).param("id", id).update();
        Map<EndKind, LocalDate> ends = new java.util.EnumMap<>(EndKind.class);
        ends.put(EndKind.WARRANTY, checked.warranty());
        ends.put(EndKind.SERVICE, checked.service());
        ends.put(EndKind.END_OF_LIFE, checked.endOfLife());
        ends.forEach((kind, date) -> {
            if (date != null) {
                jdbc.sql("""
                        INSERT INTO installed_ends (workspace_id, installed_id, kind, end_date, account_id, product_id)
                        VALUES (:workspace, :id, :kind, :date, :account, :product)
                        """).param("workspace", workspace()).param("id", id).param("kind", kind.name())
                        .param("date", date.toString()).param("account", account)
                        .param("product", checked.product().id().value()).update();
            }
        });
    }

    private void writable(AccountId account) {
        Account found = parties.visibleAccount(account);
        if (!Actors.current().canWrite(found.ownerId() == null ? null : found.ownerId().value())) {
            throw new AccessDeniedException("not yours to change");
        }
    }

    private static void requireManager() {
        Actor actor = Actors.current();
        if (!actor.isManagerOrAdmin()) {
            throw new AccessDeniedException("managers keep the catalogue");
        }
    }

    private Optional<InstalledProduct> find(long id) {
        return jdbc.sql(INSTALLED + " AND i.id = :id").param("workspace", workspace()).param("id", id)
                .query((rs, n) -> installed(rs)).optional();
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(new ProductId(rs.getLong("id")), rs.getString("name"), Rows.nullableInt(rs, "lifespan_months"),
                Rows.nullableInt(rs, "warranty_months"), Rows.nullableInt(rs, "service_months"), rs.getBoolean("active"),
                rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static InstalledProduct installed(ResultSet rs) throws SQLException {
        return new InstalledProduct(new InstalledProductId(rs.getLong("id")), new AccountId(rs.getLong("account_id")),
                rs.getString("account_name"), new ProductId(rs.getLong("product_id")), rs.getString("product_name"),
                rs.getInt("quantity"), LocalDate.parse(rs.getString("install_date")), Rows.nullableDate(rs, "warranty_end"),
                Rows.nullableDate(rs, "service_end"), Rows.nullableDate(rs, "end_of_life"), Rows.nullableLong(rs, "deal_id"),
                rs.getString("notes"), rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }

}
