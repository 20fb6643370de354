using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tarang.Simulator.Control;

/// <summary>
/// The control hooks under <c>/control</c>, for tests and demos: the exchange clock, the open
/// feed connections, and faults that real feeds show (a disconnect packet with a reason, a silent
/// socket, a dropped connection, a refused or stalled handshake). Kestrel binds loopback only.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ControlContext context)
    {
        var control = app.MapGroup("/control");

        control.MapGet("/clock", () =>
        {
            var snapshot = context.Clock.GetSnapshot();
            return Results.Json(new
            {
                instant = snapshot.Instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                epoch = snapshot.Epoch,
                speed = snapshot.Speed,
                status = snapshot.Status.ToString(),
                mode = context.Synthetic is null ? "replay" : "synthetic",
            });
        });

        control.MapGet("/connections", () => Results.Json(context.Registry.Snapshot().Select(c => new
        {
            id = c.Id,
            clientId = c.ClientId,
            connectedAt = c.ConnectedAt.ToString("O", CultureInfo.InvariantCulture),
            instruments = c.InstrumentCount,
            silent = c.IsSilent,
        })));

        // GET /control/requests: what clients asked for since the start, over all connections, with
        // request sequence numbers so a test can check that a subscribe came before an unsubscribe.
        control.MapGet("/requests", () => Results.Json(new
        {
            disconnects = context.Requests.Disconnects,
            untracked = context.Requests.Untracked,
            subscribes = context.Requests.Subscribes.Select(c => new { instrument = c.Instrument.ToString(), mode = c.Mode.ToString(), count = c.Count, firstSequence = c.FirstSequence, lastSequence = c.LastSequence }),
            unsubscribes = context.Requests.Unsubscribes.Select(c => new { instrument = c.Instrument.ToString(), mode = c.Mode.ToString(), count = c.Count, firstSequence = c.FirstSequence, lastSequence = c.LastSequence }),
        }));

        // POST /control/connections/disconnect?reason=807[&id=3]: a disconnect packet, then a close.
        control.MapPost("/connections/disconnect", async (ushort reason, long? id) =>
        {
            var targets = context.Registry.Select(id);
            await Task.WhenAll(targets.Select(c => c.DisconnectAsync(reason, "Disconnect sent by the control endpoint."))).ConfigureAwait(false);
            Log.ControlAction(context.Logger, $"disconnect with reason {reason} sent to {targets.Count} connection(s)");
            return Results.Json(new { connections = targets.Count });
        });

        // POST /control/connections/silence?silent=true[&id=3]: stop or resume sending without closing.
        control.MapPost("/connections/silence", (bool silent, long? id) =>
        {
            var targets = context.Registry.Select(id);
            foreach (var connection in targets)
            {
                connection.IsSilent = silent;
            }

            Log.ControlAction(context.Logger, $"{(silent ? "silenced" : "resumed")} {targets.Count} connection(s)");
            return Results.Json(new { connections = targets.Count });
        });

        // POST /control/connections/drop[?id=3]: abort the TCP connection without a close frame.
        control.MapPost("/connections/drop", (long? id) =>
        {
            var targets = context.Registry.Select(id);
            foreach (var connection in targets)
            {
                connection.Drop();
            }

            Log.ControlAction(context.Logger, $"dropped {targets.Count} connection(s)");
            return Results.Json(new { connections = targets.Count });
        });

        // POST /control/handshake/refuse?status=503 (or 429); DELETE to accept again.
        control.MapPost("/handshake/refuse", (int status) =>
        {
            if (status is not (StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests))
            {
                return Results.BadRequest(new { error = $"status must be 503 or 429, not {status}." });
            }

            context.Handshake.RefusalStatusCode = status;
            Log.ControlAction(context.Logger, $"handshakes rejected with HTTP {status}");
            return Results.NoContent();
        });

        control.MapDelete("/handshake/refuse", () =>
        {
            context.Handshake.RefusalStatusCode = null;
            Log.ControlAction(context.Logger, "handshakes accepted again");
            return Results.NoContent();
        });

        // POST /control/handshake/stall[?duration=00:00:30]: hold new handshakes; DELETE releases them.
        control.MapPost("/handshake/stall", (string? duration) =>
        {
            TimeSpan? wait = null;
            if (duration is not null)
            {
                if (!TimeSpan.TryParse(duration, CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero)
                {
                    return Results.BadRequest(new { error = $"duration must be a positive TimeSpan such as 00:00:30, not '{duration}'." });
                }

                wait = parsed;
            }

            context.Handshake.Stall(wait);
            Log.ControlAction(context.Logger, wait is null ? "handshakes stalled until released" : $"handshakes stalled for {wait}");
            return Results.NoContent();
        });

        control.MapDelete("/handshake/stall", () =>
        {
            context.Handshake.ReleaseStall();
            Log.ControlAction(context.Logger, "stalled handshakes released");
            return Results.NoContent();
        });
    }
}
