using System.Data.Common;
using BwpOrders.Storage;
using BwpOrders.Storage.Relational;
using BwpOrders.Storage.Sqlite;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// SQLite connections are kept open with their prepared statements (<see cref="ConnectionKeeper"/>). What a kept
/// connection must still do as a closed and reopened one would: answer each use with its own parameters, roll back a
/// transaction its user left open and end that user's write turn, and stay bounded.
/// </summary>
public sealed class SqliteConnectionReuseTests : IAsyncLifetime
{
    private readonly TestStorage _storage = TestStorage.CreateSqlite();
    private RelationalDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = StorageSpec.Open(_storage.Spec).Database;
        await _db.MigrateAsync();
        await using var connection = await _db.OpenAsync(default);
        await Sql.Exec(connection, null, "CREATE TABLE scratch (x INTEGER NOT NULL)", default);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [SqlitePassFact]
    public async Task A_statement_is_prepared_once_and_each_use_binds_its_own_parameters()
    {
        DbCommand first;
        await using (var connection = await _db.OpenAsync(default))
        {
            first = Sql.Command(connection, null, "SELECT @x + 1", [("@x", 1)]);
            await using (first) Assert.Equal(2L, await first.ExecuteScalarAsync());
        }
        // Handed back and taken again (the most recently returned connection comes first): the same prepared command.
        await using (var connection = await _db.OpenAsync(default))
        {
            await using var again = Sql.Command(connection, null, "SELECT @x + 1", [("@x", 41)]);
            Assert.Same(first, again);
            Assert.Equal(42L, await again.ExecuteScalarAsync());
        }
    }

    [SqlitePassFact]
    public async Task The_same_sql_runs_again_while_a_reader_of_it_is_still_open()
    {
        const string sql = "SELECT value FROM json_each(@list)";
        await using var connection = await _db.OpenAsync(default);
        var pairs = new List<string>();
        await using (var outer = Sql.Command(connection, null, sql, [("@list", "[1,2,3]")]))
        await using (var reader = await outer.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                await using var inner = Sql.Command(connection, null, sql, [("@list", "[10,20]")]);
                Assert.NotSame(outer, inner);
                await using var innerReader = await inner.ExecuteReaderAsync();
                while (await innerReader.ReadAsync()) pairs.Add($"{reader.GetInt64(0)}:{innerReader.GetInt64(0)}");
            }
        Assert.Equal(["1:10", "1:20", "2:10", "2:20", "3:10", "3:20"], pairs);
    }

    [SqlitePassFact]
    public async Task A_write_left_uncommitted_is_rolled_back_and_the_next_writer_gets_its_turn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var abandoned = await _db.OpenAsync(default);
        var tx = await _db.BeginWriteAsync(abandoned, timeout.Token);
        await Sql.Exec(abandoned, tx, "INSERT INTO scratch (x) VALUES (1)", default);
        await abandoned.DisposeAsync(); // neither committed nor rolled back by its user

        await using var next = await _db.OpenAsync(default);
        await using var nextTx = await _db.BeginWriteAsync(next, timeout.Token);
        Assert.Equal(0L, await Sql.Scalar(next, nextTx, "SELECT COUNT(*) FROM scratch", default));
        await Sql.Exec(next, nextTx, "INSERT INTO scratch (x) VALUES (2)", default);
        await nextTx.CommitAsync();
        Assert.Equal(2L, await Sql.Scalar(next, null, "SELECT SUM(x) FROM scratch", default));
    }

    [SqlitePassFact]
    public async Task Texts_built_per_call_do_not_pile_up_on_a_connection()
    {
        await using var connection = await _db.OpenAsync(default);
        for (var i = 0; i < 250; i++)
            Assert.Equal((long)i, await Sql.Scalar(connection, null, $"SELECT {i}", default));
        Assert.InRange(((KeptConnection)connection).PreparedCount, 1, 100);
        Assert.Equal(7L, await Sql.Scalar(connection, null, "SELECT @x", default, ("@x", 7)));
    }
}
