using BwpOrders.Storage;
using BwpOrders.Storage.Relational;
using BwpOrders.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BwpOrders.Tests;

/// <summary>
/// SQLite's automatic checkpoint is off on the server's connections (it ran inside a group commit); committed writes
/// must still reach the database file while the server runs (<see cref="BwpOrders.Storage.Sqlite.WalCheckpoints"/>).
/// </summary>
public sealed class SqliteWalCheckpointTests : IAsyncLifetime
{
    private readonly TestStorage _storage = TestStorage.CreateSqlite();
    private string Path => _storage.Spec["sqlite:".Length..];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [SqlitePassFact]
    public async Task Committed_writes_are_copied_into_the_database_file_while_the_server_runs()
    {
        var db = StorageSpec.Open(_storage.Spec).Database;
        await db.MigrateAsync();
        await using (var connection = await db.OpenAsync(default))
            Assert.Equal(0L, await Sql.Scalar(connection, null, "PRAGMA wal_autocheckpoint", default));

        // Group-committed writes over more than one checkpoint interval.
        for (var i = 0; i < 20; i++)
        {
            await db.WriteAsync((connection, tx, ct) => Sql.Exec(connection, tx, "INSERT INTO catalog_items (target_id, sku, returnable) VALUES ('t', @s, 1)", ct, ("@s", $"sku-{i}")), default);
            await Task.Delay(20);
        }

        // immutable=1 reads the database file alone, ignoring the WAL: what it sees was checkpointed.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long inFile;
        do
        {
            await Task.Delay(100);
            await db.WriteAsync((connection, tx, ct) => Sql.Exec(connection, tx, "UPDATE catalog_items SET returnable = 1 WHERE sku = 'sku-0'", ct), default);
            inFile = await CountInFile();
        } while (inFile < 20 && DateTime.UtcNow < deadline);
        Assert.Equal(20, inFile);
    }

    private async Task<long> CountInFile()
    {
        await using var file = new SqliteConnection($"Data Source=file:{Path}?immutable=1;Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        await using var command = file.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM catalog_items";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
