using System.Data.Common;

namespace BwpOrders.Storage.Relational;

/// <summary>Small ADO.NET helpers. Parameters are named <c>@name</c>, which both engines understand.</summary>
internal static class Sql
{
    public static async Task<int> Exec(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> Scalar(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary><c>@p0, @p1, ...</c> for an IN list, with its parameters.</summary>
    public static (string Sql, (string, object)[] Parameters) InList(string prefix, IReadOnlyList<object> values) =>
        (string.Join(", ", values.Select((_, i) => $"{prefix}{i}")), values.Select((v, i) => ($"{prefix}{i}", v)).ToArray());

    /// <summary>
    /// Runs the statements in order and returns the rows each affected: one round trip where the engine can batch
    /// (PostgreSQL), one statement after another where there is no trip to save (SQLite, in process).
    /// </summary>
    public static async Task<int[]> Batch(DbConnection connection, DbTransaction? tx, IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        var affected = new int[statements.Count];
        if (!connection.CanCreateBatch || statements.Count == 1)
        {
            for (var i = 0; i < statements.Count; i++) affected[i] = await Exec(connection, tx, statements[i].Text, ct, statements[i].Parameters);
            return affected;
        }
        await using var batch = connection.CreateBatch();
        batch.Transaction = tx;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Text;
            Bind(command.Parameters, command.CreateParameter, statement.Parameters);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < statements.Count; i++) affected[i] = batch.BatchCommands[i].RecordsAffected;
        return affected;
    }

    /// <summary>A command for <paramref name="sql"/>: the connection's prepared one where it keeps them (<see cref="IStatementCache"/>).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, (string Name, object Value)[] parameters)
    {
        var command = (connection as IStatementCache)?.Prepared(sql);
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = tx;
        Bind(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    private static void Bind(DbParameterCollection target, Func<DbParameter> create, (string Name, object Value)[] parameters)
    {
        if (SameNames(target, parameters))
        {
            for (var i = 0; i < parameters.Length; i++) target[i].Value = parameters[i].Value;
            return;
        }
        target.Clear();
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            target.Add(parameter);
        }
    }

    /// <summary>A reused command already has these parameters, in this order: only their values change.</summary>
    private static bool SameNames(DbParameterCollection bound, (string Name, object Value)[] parameters)
    {
        if (bound.Count != parameters.Length) return false;
        for (var i = 0; i < parameters.Length; i++)
            if (bound[i].ParameterName != parameters[i].Name) return false;
        return true;
    }
}

/// <summary>
/// A connection that keeps a prepared command per SQL text (SQLite: <see cref="Sqlite.KeptConnection"/>). Disposing the
/// command it hands out leaves it prepared; null when that command is still in use (a reader of it is open).
/// </summary>
internal interface IStatementCache
{
    DbCommand? Prepared(string sql);
}

/// <summary>One SQL statement with its parameters, to be run in a <see cref="Sql.Batch"/>.</summary>
internal sealed record Statement(string Text, params (string Name, object Value)[] Parameters);
