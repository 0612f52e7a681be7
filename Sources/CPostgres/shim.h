#ifndef FLYWHEEL_CPOSTGRES_SHIM_H
#define FLYWHEEL_CPOSTGRES_SHIM_H

#include <libpq-fe.h>

// PG_DIAG_* are `#define X 'C'` char macros, which Swift does not import: re-export them as constants.
static const int FLY_PG_DIAG_SEVERITY = 'S';
static const int FLY_PG_DIAG_SQLSTATE = 'C';
static const int FLY_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int FLY_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int FLY_PG_DIAG_MESSAGE_HINT = 'H';
static const int FLY_PG_DIAG_STATEMENT_POSITION = 'P';
static const int FLY_PG_DIAG_CONTEXT = 'W';
static const int FLY_PG_DIAG_SCHEMA_NAME = 's';
static const int FLY_PG_DIAG_TABLE_NAME = 't';
static const int FLY_PG_DIAG_COLUMN_NAME = 'c';
static const int FLY_PG_DIAG_CONSTRAINT_NAME = 'n';

#endif
