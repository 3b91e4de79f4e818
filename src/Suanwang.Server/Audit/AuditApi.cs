using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;
using Suanwang.Protocol.Audit;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage.Audit;

namespace Suanwang.Server.Audit;

/// <summary>
/// The transparency log, readable by anyone (with or without a key): the signed checkpoint, its
/// public key, proofs, and entries; an entry's bytes go to its tenant and admins, everyone else
/// gets its leaf hash only (enough to recompute the tree, nothing of the content).
/// </summary>
internal static class AuditApi
{
    /// <summary>Media type of an entry's exact bytes.</summary>
    public const string LeafMediaType = "application/octet-stream";

    // Longest decimal number a query or path parameter may hold (sizes below 2^56 fit).
    private const int MaxDigits = 18;

    /// <summary>Maps the audit routes onto <paramref name="api"/>.</summary>
    public static void MapAuditApi(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").AllowAnonymous();
        audit.MapGet("/checkpoint", CheckpointAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("The latest signed checkpoint (C2SP tlog-checkpoint, a signed note)");
        audit.MapGet("/key", KeyAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("The log's public key in the note verifier-key format (name+keyid+base64)");
        audit.MapGet("/entries", EntriesAsync)
            .Produces<AuditEntriesView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Up to count (1 to 1000) consecutive entries from index from: leaf hashes, and bytes where the caller may read them");
        audit.MapGet("/entries/{index}", EntryAsync)
            .Produces(StatusCodes.Status200OK, contentType: LeafMediaType)
            .Produces<AuditEntryHashView>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An entry's exact leaf bytes (its tenant and admins), or its leaf hash (everyone else)");
        audit.MapGet("/proof/inclusion", InclusionAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The inclusion proof of entry index in the tree of size entries");
        audit.MapGet("/proof/consistency", ConsistencyAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The consistency proof between the trees of from and to entries");
    }

    /// <summary>The latest signed checkpoint as text/plain.</summary>
    public static async Task<IResult> CheckpointAsync(AuditLog log, CancellationToken cancellationToken)
    {
        var head = await log.HeadAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(head.Note, "text/plain; charset=utf-8");
    }

    /// <summary>The verifier key as text/plain, one line.</summary>
    public static async Task<IResult> KeyAsync(AuditLog log, CancellationToken cancellationToken)
    {
        var signer = await log.SignerAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(signer.VerifierKey + "\n", "text/plain; charset=utf-8");
    }

    /// <summary>An entry: its bytes for its tenant and admins, its leaf hash as JSON for everyone else.</summary>
    public static async Task<IResult> EntryAsync(string index, HttpContext context, AuditLog log, CancellationToken cancellationToken)
    {
        if (Number(index, "index", out var problem) is not { } at)
        {
            return problem!;
        }

        var entry = await log.EntryAsync(at, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return Problems.NotFound("audit entry", index);
        }

        var caller = Caller.From(context.User);
        if (caller is not null && (caller.Admin || (entry.Tenant is { } tenant && caller.Tenant == tenant)))
        {
            return TypedResults.Bytes(entry.Bytes, LeafMediaType);
        }

        return TypedResults.Ok(new AuditEntryHashView(entry.Index, Convert.ToBase64String(MerkleHash.Leaf(entry.Bytes))));
    }

    /// <summary>Consecutive entries as JSON: each with its leaf hash, and its bytes (base64) for its tenant and admins.</summary>
    public static async Task<IResult> EntriesAsync(string? from, string? count, HttpContext context, AuditLog log, CancellationToken cancellationToken)
    {
        if (Number(from, "from", out var problem) is not { } first || Number(count, "count", out problem) is not { } wanted)
        {
            return problem!;
        }

        if (wanted is < 1 or > IAuditStore.MaxEntriesRead)
        {
            return Problems.BadField("count", $"count must be from 1 to {IAuditStore.MaxEntriesRead}");
        }

        var entries = await log.EntriesAsync(first, (int)wanted, cancellationToken).ConfigureAwait(false);
        var caller = Caller.From(context.User);
        var views = new List<AuditEntryView>(entries.Count);
        foreach (var entry in entries)
        {
            var readable = caller is not null && (caller.Admin || (entry.Tenant is { } tenant && caller.Tenant == tenant));
            views.Add(new AuditEntryView(entry.Index, Convert.ToBase64String(MerkleHash.Leaf(entry.Bytes)), readable ? Convert.ToBase64String(entry.Bytes) : null));
        }

        return TypedResults.Ok(new AuditEntriesView(first, views));
    }

    /// <summary>The inclusion proof as <c>{"hashes": [base64...]}</c>.</summary>
    public static async Task<IResult> InclusionAsync(string? index, string? size, AuditLog log, CancellationToken cancellationToken)
    {
        if (Number(index, "index", out var problem) is not { } i || Number(size, "size", out problem) is not { } n)
        {
            return problem!;
        }

        return View(await log.ProveInclusionAsync(i, n, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The consistency proof as <c>{"hashes": [base64...]}</c>.</summary>
    public static async Task<IResult> ConsistencyAsync(string? from, string? to, AuditLog log, CancellationToken cancellationToken)
    {
        if (Number(from, "from", out var problem) is not { } m || Number(to, "to", out problem) is not { } n)
        {
            return problem!;
        }

        return View(await log.ProveConsistencyAsync(m, n, cancellationToken).ConfigureAwait(false));
    }

    private static IResult View(AuditProof proof) =>
        proof.Parameter is { } parameter
            ? Problems.BadField(parameter, proof.Reason!)
            : TypedResults.Ok(new AuditProofView([.. proof.Hashes.Select(Convert.ToBase64String)]));

    // A non-negative decimal number of at most MaxDigits digits; otherwise a 400 naming the parameter.
    private static long? Number(string? text, string parameter, out ProblemHttpResult? problem)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxDigits || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            problem = Problems.BadField(parameter, $"{parameter} must be a whole number of at most {MaxDigits} digits");
            return null;
        }

        problem = null;
        return value;
    }
}
