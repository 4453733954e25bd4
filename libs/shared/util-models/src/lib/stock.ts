/** Stock of one product in one warehouse. */
export interface WarehouseStock {
  id: string;
  available: number;
}

/** Stock of one product as the inventory service returns it. */
export interface Stock {
  productId: string;
  available: number;
  reserved: number;
  warehouses: WarehouseStock[];
}
