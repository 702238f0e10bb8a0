using System.Data.Common;
using BwpOrders.Domain;
using BwpOrders.Domain.Model;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Pages of a target's orders and returns, newest first (creation time, then id, both descending), filtered by the
/// columns <see cref="OrderSearchColumns"/> keeps. Each query reads one index chosen here, not left to the planner:
/// the filter's own (target, column, creation time, id), read backwards as one range with no sort, or for a lookup by
/// id or alias the few rows it names. The rest of the filters are checked on the rows that index yields.
/// </summary>
internal static class OrderListings
{
    /// <summary>SQLite's names for the primary keys (<c>sqlite_autoindex_TABLE_1</c>: the first constraint declared).</summary>
    private const string OrdersKey = "sqlite_autoindex_orders_1", ReturnsKey = "sqlite_autoindex_order_returns_1";

    /// <summary>An alias id shared by more orders than this is looked up through the newest-first index instead of by key.</summary>
    private const int MaxOrdersByAlias = 1000;

    public static async Task<SearchPage<OrderSummary>> OrdersAsync(RelationalDatabase db, DbConnection connection, string targetId, OrderSearch s, CancellationToken ct)
    {
        // BwP creates packages only once fulfilment started (and it never stops), so a package state implies STARTED.
        if (s.PackageState is not null && s.ExecutionState is not null)
        {
            if (s.ExecutionState != ExecutionStates.Started) return new SearchPage<OrderSummary>([], null);
            s = s with { ExecutionState = null };
        }
        var where = new Filter(targetId)
            .Equal("order_id", s.OrderId)
            .Equal("execution_state", s.ExecutionState)
            .Equal("package_state", s.PackageState)
            .Created(s.CreatedAfter, s.CreatedBefore, s.After, "order_id");
        var index = s.PackageState is not null ? "orders_by_package_state" : s.ExecutionState is not null ? "orders_by_execution_state" : "orders_newest";
        if (s.OrderId is not null) index = OrdersKey;
        else if (s.AliasId is not null)
        {
            var named = await OrdersNamedAsync(connection, targetId, s.AliasId, s.AliasType, ct);
            if (named.Count == 0) return new SearchPage<OrderSummary>([], null);
            if (named.Count <= MaxOrdersByAlias)
            {
                var (ids, parameters) = Sql.InList("@named", [.. named]);
                where.Term($"order_id IN ({ids})", parameters);
                index = OrdersKey;
            }
            else
                where.Term(s.AliasType is null
                        ? "order_id IN (SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_id = @ai)"
                        : "order_id IN (SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_id = @ai AND alias_type = @at)",
                    [("@ai", s.AliasId), .. s.AliasType is null ? [] : new[] { ("@at", (object)s.AliasType) }]);
        }
        var rows = await ReadAsync(connection, where, s.First,
            $"SELECT order_id, execution_state, package_state, created_at, updated_at, version FROM orders{db.ReadThrough(index)}", "order_id",
            r => (Id: r.GetString(0), State: r.GetString(1), Packages: r.IsDBNull(2) ? null : r.GetString(2), Created: r.GetString(3), Updated: r.GetString(4), Version: r.GetInt64(5)), ct);
        var aliases = await AliasesAsync(db, connection, targetId, rows.Items.Select(r => r.Id).ToList(), ct);
        return new SearchPage<OrderSummary>(
            rows.Items.Select(r => new OrderSummary(r.Id, aliases[r.Id].OrderBy(a => a.AliasType, StringComparer.Ordinal).ThenBy(a => a.AliasId, StringComparer.Ordinal).ToList(),
                r.State, r.Packages, r.Created, r.Updated, r.Version)).ToList(),
            rows.Next);
    }

    public static Task<SearchPage<ReturnSummary>> ReturnsAsync(RelationalDatabase db, DbConnection connection, string targetId, ReturnSearch s, CancellationToken ct)
    {
        var where = new Filter(targetId)
            .Equal("return_id", s.ReturnId)
            .Equal("order_id", s.OrderId)
            .Equal("state", s.State)
            .Created(s.CreatedAfter, s.CreatedBefore, s.After, "return_id");
        if (s.StartedThroughBwp is { } bwp) where.Term("started_through_bwp = @b", ("@b", bwp ? 1L : 0L));
        var index = s.ReturnId is not null ? ReturnsKey : s.OrderId is not null ? "order_returns_by_order" : s.State is not null ? "order_returns_by_state" : "order_returns_newest";
        return ReadAsync(connection, where, s.First,
            $"SELECT return_id, order_id, state, started_through_bwp, created_at FROM order_returns{db.ReadThrough(index)}", "return_id",
            r => new ReturnSummary(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt64(r.GetValue(3)) != 0, r.GetString(4)), ct);
    }

    /// <summary>The orders an alias id names (of one type, or any), up to one more than <see cref="MaxOrdersByAlias"/>.</summary>
    private static async Task<HashSet<object>> OrdersNamedAsync(DbConnection connection, string targetId, string aliasId, string? aliasType, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, null,
            $"SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_id = @ai{(aliasType is null ? "" : " AND alias_type = @at")} LIMIT {MaxOrdersByAlias + 1}",
            [("@t", targetId), ("@ai", aliasId), .. aliasType is null ? [] : new[] { ("@at", (object)aliasType) }]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var named = new HashSet<object>();
        while (await reader.ReadAsync(ct)) named.Add(reader.GetString(0));
        return named;
    }

    /// <summary>One page: a row more than asked for is read to know whether another page follows.</summary>
    private static async Task<SearchPage<T>> ReadAsync<T>(DbConnection connection, Filter where, int first, string select, string idColumn,
        Func<DbDataReader, T> map, CancellationToken ct)
    {
        var sql = $"{select} WHERE {where.Sql} ORDER BY created_at DESC, {idColumn} DESC LIMIT {first + 1}";
        await using var command = Sql.Command(connection, null, sql, where.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<T>();
        SearchCursor? last = null, next = null;
        var created = reader.GetOrdinal("created_at");
        var id = reader.GetOrdinal(idColumn);
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == first)
            {
                next = last;
                break;
            }
            items.Add(map(reader));
            last = new SearchCursor(reader.GetString(created), reader.GetString(id));
        }
        return new SearchPage<T>(items, next);
    }

    private static async Task<ILookup<string, Alias>> AliasesAsync(RelationalDatabase db, DbConnection connection, string targetId, IReadOnlyList<string> orderIds,
        CancellationToken ct)
    {
        var aliases = new List<(string OrderId, Alias Alias)>();
        if (orderIds.Count > 0)
        {
            var (inIds, parameters) = Sql.InList("@o", orderIds.Cast<object>().ToList());
            await using var command = Sql.Command(connection, null,
                $"SELECT order_id, alias_type, alias_id FROM order_aliases{db.ReadThrough("order_aliases_by_order")} WHERE target_id = @t AND order_id IN ({inIds})",
                [("@t", targetId), .. parameters]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) aliases.Add((reader.GetString(0), new Alias(reader.GetString(1), reader.GetString(2))));
        }
        return aliases.ToLookup(a => a.OrderId, a => a.Alias);
    }

    /// <summary>The conditions of a listing, always within one target (<c>@t</c>), with their parameters.</summary>
    private sealed class Filter(string targetId)
    {
        private readonly List<string> _terms = ["target_id = @t"];
        private readonly List<(string, object)> _parameters = [("@t", targetId)];

        public string Sql => string.Join(" AND ", _terms);
        public (string, object)[] Parameters => [.. _parameters];

        public Filter Term(string term, params (string, object)[] parameters)
        {
            _terms.Add(term);
            _parameters.AddRange(parameters);
            return this;
        }

        public Filter Equal(string column, string? value) => value is null ? this : Term($"{column} = @{column}", ($"@{column}", value));

        /// <summary>
        /// <c>after &lt;= created_at &lt; before</c>, and past the cursor: written so the creation time bounds the index
        /// range on its own (the id only breaks ties).
        /// </summary>
        public Filter Created(string? after, string? before, SearchCursor? cursor, string idColumn)
        {
            if (after is not null) Term("created_at >= @created_after", ("@created_after", after));
            if (before is not null) Term("created_at < @created_before", ("@created_before", before));
            if (cursor is not null)
                Term($"created_at <= @cursor_at AND (created_at < @cursor_at OR {idColumn} < @cursor_id)", ("@cursor_at", cursor.CreatedAt), ("@cursor_id", cursor.Id));
            return this;
        }
    }
}
