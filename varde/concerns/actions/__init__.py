"""Every change to concerns goes through a function here, one module per part of the work.

Each function takes the actor and the object first, re-checks permission and invariants, runs in a
transaction, writes one audit event and queues its notifications for after the commit.
"""
