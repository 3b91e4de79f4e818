namespace Suanwang.ControlPlane.Admission;

/// <summary>Why a request was refused; the HTTP host maps each to one status.</summary>
public enum RefusalKind
{
    /// <summary>The input is malformed or a field is out of range (400).</summary>
    Invalid,

    /// <summary>The key may not act for the tenant the input names (403).</summary>
    Forbidden,

    /// <summary>Something the input names does not exist or is not visible to the key (404).</summary>
    NotFound,

    /// <summary>The server takes tenants' jobs only through paid orders (402).</summary>
    OrderRequired,

    /// <summary>Well-formed, but no registered site could ever run it (422).</summary>
    Unschedulable,

    /// <summary>The request conflicts with the current state (409).</summary>
    Conflict,

    /// <summary>The wallet cannot cover what the request would hold (402).</summary>
    PaymentRequired,

    /// <summary>Something that existed may no longer be used, such as an expired quote (410).</summary>
    Gone,

    /// <summary>Well-formed, but refused by a rule, such as an Idempotency-Key reused for another request (422).</summary>
    Unprocessable,

    /// <summary>A cap of the tenant's (queued jobs, open orders) is reached; nothing was written (429).</summary>
    LimitReached,
}
