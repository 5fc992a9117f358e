//! `Json<T>`: a column holding `T` as JSON text. Rows decode into the domain
//! type once, where they are read; a value that does not decode is a
//! database error (logged), never a default. The columns stay TEXT on both
//! databases, so no data moves.

use std::fmt::Debug;

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A JSON text column typed as `T`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

impl<T: Serialize> From<Json<T>> for Value {
    fn from(json: Json<T>) -> Value {
        // The domain types always serialise (plain data, string keys).
        Value::String(serde_json::to_string(&json.0).ok())
    }
}

impl<T: DeserializeOwned> TryGetable for Json<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, index)?;
        serde_json::from_str(&text).map(Json).map_err(|error| {
            TryGetError::DbErr(DbErr::Type(format!(
                "unreadable JSON column ({}): {error}",
                std::any::type_name::<T>()
            )))
        })
    }
}

impl<T: Serialize + DeserializeOwned> ValueType for Json<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(value)?;
        serde_json::from_str(&text)
            .map(Json)
            .map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        format!("Json<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

impl<T> Nullable for Json<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: Serialize + DeserializeOwned + Clone + Debug + PartialEq + Send + Sync + 'static>
    sea_orm::IntoActiveValue<Json<T>> for Json<T>
{
    fn into_active_value(self) -> sea_orm::ActiveValue<Json<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}
