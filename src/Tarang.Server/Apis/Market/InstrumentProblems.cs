using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Market.Instruments;
using Tarang.Server.LiveData;

namespace Tarang.Server.Apis.Market;

/// <summary>Error replies for instrument references that are invalid, unknown or ambiguous.</summary>
internal static class InstrumentProblems
{
    /// <summary>A symbol that matches several instruments: 400 listing each candidate's key in <c>candidates</c>.</summary>
    public static ProblemHttpResult Ambiguous(string field, IReadOnlyList<InstrumentResolution> ambiguous)
    {
        var described = ambiguous.Select(a =>
            $"'{a.Text}' matches {a.Candidates.Count} instruments ({string.Join(", ", a.Candidates.Select(c => c.Key))})");
        var detail = $"{field}: {string.Join("; ", described)}. Pass the instrument key of the one you mean, such as {ambiguous[0].Candidates[0].Key}.";
        var problem = Problems.Details(StatusCodes.Status400BadRequest, "Invalid request", detail, field);
        problem.Extensions["candidates"] = ambiguous
            .SelectMany(a => a.Candidates.Select(c => new InstrumentCandidate(a.Text, c.Key.ToString(), c.Symbol, c.DisplayName, c.Key.Segment.ToDhanName(), c.Series, c.Kind.ToString())))
            .ToList();
        return TypedResults.Problem(problem);
    }

    /// <summary>The feed has no room for more instruments: 503.</summary>
    public static ProblemHttpResult FeedFull(string field) =>
        TypedResults.Problem(Problems.Details(
            StatusCodes.Status503ServiceUnavailable,
            "Service unavailable",
            $"The market feed has no room for the instruments in {field}; it is at its subscription limit. Ask for instruments already in the default universe (GET /api/market/live-data), or try again later.",
            field));
}

/// <summary>One instrument a symbol could mean.</summary>
public sealed record InstrumentCandidate(string Requested, string Instrument, string Symbol, string Name, string Segment, string Series, string Kind);
