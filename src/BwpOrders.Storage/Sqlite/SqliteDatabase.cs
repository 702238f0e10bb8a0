using Microsoft.Data.Sqlite;

namespace BwpOrders.Storage.Sqlite;

/// <summary>One SQLite database file: connections with durable settings, migrations, small command helpers.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await Exec(connection, null, "PRAGMA journal_mode=WAL;", ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await Exec(connection, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);", ct);
        var applied = Convert.ToInt32(await Scalar(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", ct));
        for (var version = applied + 1; version <= SqliteMigrations.Steps.Length; version++)
        {
            await Exec(connection, tx, SqliteMigrations.Steps[version - 1], ct);
            await Exec(connection, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at);", ct,
                ("$v", version), ("$at", DateTimeOffset.UtcNow.ToString("O")));
        }
        await tx.CommitAsync(ct);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // synchronous is per connection: FULL makes every commit durable before we acknowledge it.
        await Exec(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", ct);
        return connection;
    }

    internal static async Task<int> Exec(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<object?> Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
