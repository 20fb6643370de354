using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Feed;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>
/// A session that starts while the supervisor's reconciliation reads the active sessions is not
/// in that read, and must not be dropped as if it had ended. The read is held open by an EF Core
/// interceptor so the start lands inside it every time.
/// </summary>
public class ReconciliationRaceTests
{
    [Fact]
    public async Task Reconciliation_KeepsSessionStartedDuringRead()
    {
        using var gate = new QueryGate();
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.ConfigureDbContext<SqliteTarangDbContext>(options => options.AddInterceptors(gate)),
            "--Feed:ReconciliationInterval=01:00:00", "--Feed:DefaultUniverse:0=IDX_I:13");
        var supervisor = server.Services.GetRequiredService<FeedSupervisor>();
        var events = server.Services.GetRequiredService<SessionEvents>();

        gate.Close();
        var pass = Task.Run(() => supervisor.ReconcileAsync(CancellationToken.None));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // The session has no row in the database, so the held read does not return it.
        var sessionId = Guid.NewGuid();
        events.RaiseStarted(new SessionStartedEventArgs(sessionId, Guid.NewGuid(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7)));
        gate.Open();
        await pass.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, supervisor.GetStatus().ActiveSessions);
    }

    [Fact]
    public async Task Reconciliation_OverlappingPassesBothComplete()
    {
        using var gate = new QueryGate();
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.ConfigureDbContext<SqliteTarangDbContext>(options => options.AddInterceptors(gate)),
            "--Feed:ReconciliationInterval=01:00:00", "--Feed:DefaultUniverse:0=IDX_I:13");
        var supervisor = server.Services.GetRequiredService<FeedSupervisor>();

        gate.Close();
        var first = Task.Run(() => supervisor.ReconcileAsync(CancellationToken.None));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var second = Task.Run(() => supervisor.ReconcileAsync(CancellationToken.None));
        await Task.Delay(200);
        gate.Open();

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, supervisor.GetStatus().ActiveSessions);
    }

    /// <summary>Holds the next query on the sessions table until the test opens the gate.</summary>
    private sealed class QueryGate : DbCommandInterceptor, IDisposable
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim open = new(initialState: true);

        public Task Entered => entered.Task;

        public void Close() => open.Reset();

        public void Open() => open.Set();

        public void Dispose() => open.Dispose();

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Hold(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Hold(command);
            return ValueTask.FromResult(result);
        }

        private void Hold(DbCommand command)
        {
            if (open.IsSet || !command.CommandText.Contains("\"sessions\"", StringComparison.Ordinal))
            {
                return;
            }

            entered.TrySetResult();
            open.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
