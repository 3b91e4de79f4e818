using System.Data.Common;

namespace Suanwang.Storage.Sql;

/// <summary>
/// What the SQLite and PostgreSQL stores share: the reads whose SQL is the same in both dialects,
/// written once here. A dialect says how it runs a query and how it stores a time; writes stay in
/// the dialect's own files, since each commits its own way (SQLite: a group of statements on the
/// one writer connection; PostgreSQL: one statement per write, batched).
/// </summary>
public abstract partial class SqlStore
{
    private readonly Func<DbDataReader, int, DateTimeOffset> _time;

    private protected SqlStore()
    {
        _time = TimeAt;
    }

    /// <summary>Runs one SELECT with <paramref name="parameters"/> (named with their '@') and maps every row it returns.</summary>
    private protected abstract Task<List<T>> SelectAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one writing statement with <paramref name="parameters"/> as a write of its own (durable
    /// when the task completes) and maps every row its RETURNING clause gives.
    /// </summary>
    private protected abstract Task<List<T>> ChangeAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken);

    /// <summary>A time as the dialect binds it.</summary>
    private protected abstract object TimeValue(DateTimeOffset at);

    /// <summary>A time column as the dialect stores it.</summary>
    private protected abstract DateTimeOffset TimeAt(DbDataReader reader, int ordinal);

    private async Task<T?> SelectOneAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await SelectAsync(sql, parameters, row, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    // True when the statement's RETURNING gave a row: the insert or the compare-and-set took.
    private async Task<bool> ChangedAnyAsync(string sql, SqlParameters parameters, CancellationToken cancellationToken) =>
        (await ChangeAsync(sql, parameters, static _ => true, cancellationToken).ConfigureAwait(false)).Count > 0;

    private async Task<IReadOnlyList<T>> SelectListAsync<T>(string sql, SqlParameters parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        await SelectAsync(sql, parameters, row, cancellationToken).ConfigureAwait(false);
}
