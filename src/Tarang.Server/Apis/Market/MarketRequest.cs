using Microsoft.Extensions.Options;
using Tarang.Market.Time;
using Tarang.Server.LiveData;
using Tarang.Server.Services;

namespace Tarang.Server.Apis.Market;

/// <summary>The services every market route uses, bound with <c>[AsParameters]</c>.</summary>
internal readonly record struct MarketRequest(
    HttpContext Context,
    MarketReader Reader,
    MarketReferenceData ReferenceData,
    MarketDataSource Source,
    IOptions<MarketApiOptions> Options,
    TimeProvider WallClock)
{
    /// <summary>Now in IST, for the envelope's timestamp.</summary>
    public DateTimeOffset Now => Ist.ToIst(WallClock.GetUtcNow());

    public MarketResponse<T> Respond<T>(T data) => new(true, data, Now, Source.Label);
}
